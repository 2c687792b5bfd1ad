import { Worker } from 'node:worker_threads';

/**
 * What starts the views' own thread: a compiled module that, loaded on a worker thread with `workerData`, opens its
 * own connections to the log and to views.db and serves a projection runner there (`serveViewsThread`).
 */
export interface ViewsThreadSpec {
  file: string;
  workerData: unknown;
}

/** What the views' thread tells the API's thread. */
export type ViewsThreadMessage =
  | { type: 'ready'; notices: string[] }
  | { type: 'position'; position: number }
  | { type: 'error'; message: string; at: string }
  | { type: 'failed'; message: string };

/** What the API's thread tells the views' thread. */
export type ViewsThreadRequest = 'appended' | 'stop';

interface ViewsThreadHandlers {
  /** Every view has applied the log up to `position` (committed: readable on any connection). */
  position(position: number): void;
  /** A batch failed; the thread retries from its checkpoint. */
  error(message: string, at: string): void;
  /** The thread ended without being asked to. */
  exited(message: string): void;
}

/**
 * The API's end of the views' thread: starts it, relays what it reports, and tells it about this process's appends
 * so that it reads them at once instead of at its next poll of the file.
 */
export class ViewsThread {
  private worker?: Worker;
  private stopping = false;

  constructor(
    private readonly spec: ViewsThreadSpec,
    private readonly handlers: ViewsThreadHandlers,
  ) {}

  /** Resolves once the thread has prepared the views (created, or rebuilt where their version changed). */
  start(): Promise<string[]> {
    this.stopping = false;
    const worker = new Worker(this.spec.file, { workerData: this.spec.workerData });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: ViewsThreadMessage) => {
        if (message.type === 'ready') {
          ready = true;
          resolve(message.notices);
        } else if (message.type === 'failed') reject(new Error(`the views' thread could not start: ${message.message}`));
        else if (message.type === 'position') this.handlers.position(message.position);
        else if (message.type === 'error') this.handlers.error(message.message, message.at);
      });
      worker.on('error', (error) => (ready ? this.handlers.error(error.message, new Date().toISOString()) : reject(error)));
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`the views' thread exited with ${code} before it was ready`));
        else if (!this.stopping) this.handlers.exited(`the views' thread exited with ${code}`);
      });
    });
  }

  appended(): void {
    this.worker?.postMessage('appended' satisfies ViewsThreadRequest);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopping = true;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop' satisfies ViewsThreadRequest);
    await exited;
  }
}
