import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The compiled API, as `npm start` runs it (`npm test` builds it first). */
export const BUILT_MAIN = join(__dirname, '..', '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Probes until `probe` answers something (a failed probe counts as not yet), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the compiled API in a process of its own on a free port, and waits until it answers /health. */
export async function startBuiltServer(env: Record<string, string>): Promise<{ node: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const node = spawn(process.execPath, [BUILT_MAIN], {
    env: { ...process.env, BANGFU_DEMO: 'false', BANGFU_LOG: 'false', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`the API on ${port}`, async () => ((await fetch(`${baseUrl}/health`)).ok ? true : undefined));
  } catch (error) {
    node.kill('SIGKILL');
    throw error;
  }
  return { node, baseUrl };
}

/** Asks the process to stop (SIGTERM, as a service manager does: Nest closes the app, then ends by that signal) and waits. */
export function stopBuiltServer(node: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (node.exitCode !== null || node.signalCode !== null) return resolve();
    node.once('exit', () => resolve());
    node.kill('SIGTERM');
  });
}
