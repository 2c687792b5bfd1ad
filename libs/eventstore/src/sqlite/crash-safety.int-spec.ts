import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';

const WRITER = join(__dirname, '..', '..', 'test', 'crash-writer.js');

/**
 * Runs the writer until a random moment after its first acknowledged append, kills it with SIGKILL, returns every id it
 * had reported as acknowledged. Timed from the first append, not the spawn: a loaded machine starts node slowly, and a
 * kill before anything was written would prove nothing.
 */
function runAndKill(file: string, afterMs: number, mode: 'inline' | 'thread'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself (${code}): ${err}`));
      // A line cut off by the kill was never fully reported: only whole lines count as acknowledged.
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

describe('crash safety of the SQLite adapter', () => {
  it.each(['inline', 'thread'] as const)(
    'keeps every acknowledged append exactly once across 20 SIGKILLs, with intact chains (commits %s)',
    async (mode) => {
      const dir = mkdtempSync(join(tmpdir(), 'bangfu-crash-'));
      const file = join(dir, 'events.db');
      const acknowledged: string[] = [];
      for (let round = 0; round < 20; round++) {
        const ids = await runAndKill(file, 50 + Math.floor(Math.random() * 300), mode);
        acknowledged.push(...ids);

        const store = new SqliteEventStore({ file });
        const report = await store.verify();
        expect(report).toMatchObject({ ok: true });
        await store.close();
      }
      expect(acknowledged.length).toBeGreaterThan(100);
      const db = new Database(file, { readonly: true });
      const counts = new Map<string, number>();
      for (const { id } of db.prepare('SELECT id FROM events').iterate() as IterableIterator<{ id: string }>)
        counts.set(id, (counts.get(id) ?? 0) + 1);
      db.close();
      const missing = acknowledged.filter((id) => counts.get(id) !== 1);
      expect(missing).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    },
    120_000,
  );
});
