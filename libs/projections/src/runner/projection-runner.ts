import { BehaviorSubject, filter, firstValueFrom, timeout } from 'rxjs';
import { batches, type AllSubscription, type EventStore } from '@bangfu/eventstore';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';
import { applyBatch } from './apply-batch';
import { prepareProjections } from './rebuild';

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

/** Feeds every projection from one checkpointed subscription to the log. */
export class ProjectionRunner {
  private readonly position$ = new BehaviorSubject<number>(0);
  private subscription?: AllSubscription;
  private running = false;
  private loop?: Promise<void>;
  private cursor = 0;
  private lastError?: { message: string; at: string };
  private rewindCheck?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly options: {
      batchSize?: number;
      retryDelayMs?: number;
      onError?: (message: string) => void;
      onNotice?: (message: string) => void;
    } = {},
  ) {}

  async start(): Promise<void> {
    const rebuilt = await prepareProjections(this.store, this.views, this.projections);
    const restored = rebuilt.filter(({ reason }) => reason.startsWith('the log no longer holds'));
    if (restored.length > 0) {
      (this.options.onNotice ?? ((message) => console.warn(message)))(
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
    return { head, position, lag: Math.max(0, head - position), running: this.running, lastError: this.lastError, projections };
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.cursor = this.lowestCheckpoint();
      this.subscription = this.store.subscribeToAll({ fromPosition: this.cursor });
      try {
        for await (const batch of batches(this.subscription, this.options.batchSize ?? 1000)) {
          if (!applyBatch(this.views, this.projections, batch, this.cursor)) break;
          this.cursor = batch[batch.length - 1].position;
          this.position$.next(this.lowestCheckpoint());
          this.lastError = undefined;
        }
      } catch (error) {
        // A failing projection must not take the API down: report it on /health and retry from the checkpoint.
        this.lastError = { message: error instanceof Error ? error.message : String(error), at: new Date().toISOString() };
        (this.options.onError ?? ((message) => console.error(`projection runner: ${message}`)))(this.lastError.message);
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
