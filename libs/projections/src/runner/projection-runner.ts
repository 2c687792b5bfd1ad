import { BehaviorSubject, filter, firstValueFrom, timeout } from 'rxjs';
import { batches, type AllSubscription, type EventStore } from '@bangfu/eventstore';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';
import { applyBatch } from './apply-batch';
import { prepareProjections } from './rebuild';
import { ViewsThread, type ViewsThreadSpec } from './views-thread';

export interface ProjectionStatus {
  name: string;
  version: number;
  position: number;
  lag: number;
}

export interface RunnerHealth {
  head: number;
  position: number;
  lag: number;
  running: boolean;
  /** Where the views are applied: a thread of their own, or the API's event loop. */
  thread: 'views' | 'api';
  lastError?: { message: string; at: string };
  projections: ProjectionStatus[];
}

export class ViewsBehindError extends Error {
  readonly code = 'VIEWS_BEHIND';
  constructor(
    readonly wanted: number,
    readonly reached: number,
  ) {
    super(`the views have reached position ${reached}, not yet ${wanted}; retry shortly`);
  }
}

/**
 * Feeds every projection from one checkpointed subscription to the log: on this thread, or — given a `thread` —
 * on a worker thread with connections of its own, so that applying views never holds up the requests this thread
 * serves; either way `waitFor` resolves once the views have committed a position.
 */
export class ProjectionRunner {
  private readonly position$ = new BehaviorSubject<number>(0);
  private subscription?: AllSubscription;
  private running = false;
  private loop?: Promise<void>;
  private cursor = 0;
  private lastError?: { message: string; at: string };
  private rewindCheck?: NodeJS.Timeout;
  private thread?: ViewsThread;
  private unhookAppends?: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly options: {
      batchSize?: number;
      retryDelayMs?: number;
      onError?: (message: string) => void;
      onNotice?: (message: string) => void;
      /** Called each time every view has committed a further position. */
      onPosition?: (position: number) => void;
      /** Apply the views on a thread of their own (the API's default where the compiled build can start one). */
      thread?: ViewsThreadSpec;
    } = {},
  ) {}

  async start(): Promise<void> {
    if (this.options.thread) return this.startThread(this.options.thread);
    const rebuilt = await prepareProjections(this.store, this.views, this.projections);
    const restored = rebuilt.filter(({ reason }) => reason.startsWith('the log no longer holds'));
    if (restored.length > 0) {
      this.notice(
        `views.db does not match the event log (was events.db restored from an older backup, or replaced?): ` +
          `rebuilt ${restored.map((r) => r.name).join(', ')} from the log — ${restored[0].reason}`,
      );
    }
    this.running = true;
    this.position$.next(this.lowestCheckpoint());
    this.loop = this.run();
    // A rebuild by another process can move a checkpoint back while this runner idles on a live
    // subscription; look for that now and then, and re-read from there.
    this.rewindCheck = setInterval(() => {
      if (this.lowestCheckpoint() < this.cursor) this.subscription?.close();
    }, 1000);
    this.rewindCheck.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unhookAppends?.();
    await this.thread?.stop();
    if (this.rewindCheck) clearInterval(this.rewindCheck);
    this.subscription?.close();
    await this.loop;
  }

  /** Resolves once every view has applied the log up to `position` (read-your-writes). */
  async waitFor(position: number, timeoutMs = 5000): Promise<void> {
    if (this.position$.value >= position) return;
    try {
      await firstValueFrom(
        this.position$.pipe(
          filter((reached) => reached >= position),
          timeout({ first: timeoutMs }),
        ),
      );
    } catch {
      throw new ViewsBehindError(position, this.position$.value);
    }
  }

  /** Resolves once every view has applied everything the log held when called: for decisions that read views. */
  async catchUp(timeoutMs = 5000): Promise<void> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  get position(): number {
    return this.position$.value;
  }

  async health(): Promise<RunnerHealth> {
    const head = await this.store.headPosition();
    const projections = this.views
      .allStates()
      .filter((state) => this.projections.some((p) => p.name === state.name))
      .map((state) => ({ name: state.name, version: state.version, position: state.position, lag: Math.max(0, head - state.position) }));
    const position = this.lowestCheckpoint();
    return {
      head,
      position,
      lag: Math.max(0, head - position),
      running: this.running,
      thread: this.thread ? 'views' : 'api',
      lastError: this.lastError,
      projections,
    };
  }

  /** The views on their own thread: this one relays the positions it commits and tells it of this process's appends. */
  private async startThread(spec: ViewsThreadSpec): Promise<void> {
    this.thread = new ViewsThread(spec, {
      position: (position) => this.advance(position),
      error: (message, at) => this.fail(message, at),
      exited: (message) => {
        this.fail(message, new Date().toISOString());
        // A thread that died is started again, from the views' checkpoints, while the API runs.
        if (this.running) setTimeout(() => this.running && void this.restartThread(), this.options.retryDelayMs ?? 1000).unref();
      },
    });
    for (const notice of await this.thread.start()) this.notice(notice);
    this.unhookAppends = this.store.onAppended?.(() => this.thread?.appended());
    this.running = true;
    this.advance(this.lowestCheckpoint());
  }

  private async restartThread(): Promise<void> {
    try {
      await this.thread?.start();
      this.lastError = undefined;
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error), new Date().toISOString());
    }
  }

  private advance(position: number): void {
    this.position$.next(position);
    this.lastError = undefined;
    this.options.onPosition?.(position);
  }

  private fail(message: string, at: string): void {
    this.lastError = { message, at };
    (this.options.onError ?? ((m) => console.error(`projection runner: ${m}`)))(message);
  }

  private notice(message: string): void {
    (this.options.onNotice ?? ((m) => console.warn(m)))(message);
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.cursor = this.lowestCheckpoint();
      this.subscription = this.store.subscribeToAll({ fromPosition: this.cursor });
      try {
        for await (const batch of batches(this.subscription, this.options.batchSize ?? 1000)) {
          if (!applyBatch(this.views, this.projections, batch, this.cursor)) break;
          this.cursor = batch[batch.length - 1].position;
          this.advance(this.lowestCheckpoint());
        }
      } catch (error) {
        // A failing projection must not take the API down: report it on /health and retry from the checkpoint.
        this.fail(error instanceof Error ? error.message : String(error), new Date().toISOString());
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      } finally {
        this.subscription.close();
      }
    }
  }

  private lowestCheckpoint(): number {
    let lowest = Number.MAX_SAFE_INTEGER;
    for (const projection of this.projections) lowest = Math.min(lowest, this.views.state(projection.name)?.position ?? 0);
    return this.projections.length ? lowest : 0;
  }
}
