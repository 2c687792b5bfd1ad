import { BehaviorSubject, filter, firstValueFrom, timeout } from 'rxjs';
import { DomainError, SYSTEM_ACTOR } from '@bangfu/domain';
import type { AllSubscription, CommandMetadata, EventStore, RecordedEvent } from '@bangfu/eventstore';
import { addColumnIfMissing, logAnchorHolds, type ProjectionRunner, type ReadStore } from '@bangfu/projections';
import type { Clock } from '../clock/clock';
import { scheduleTimer, type CommandDispatcher } from '../timers/timer-scheduler';
import type { ProcessManager, ReactionContext } from './process-manager';

/**
 * Runs every process manager from one subscription, each with its own checkpoint in the read store.
 * An event is handled at least once; the derived idempotency keys make "at least once" act as "once". That is also
 * why the checkpoints are kept in memory and written together a moment later rather than once per manager per
 * event: after a crash the few events since the last write are handled again, to no second effect, and the API's
 * thread is not writing to views.db (whose lock the views' thread holds while it applies a batch) on every event.
 */
export class ProcessManagerRunner {
  private readonly position$ = new BehaviorSubject<number>(0);
  private subscription?: AllSubscription;
  private running = false;
  private loop?: Promise<void>;
  private readonly eventTypes: string[];
  private readonly checkpoints = new Map<string, { position: number; hash: string | null }>();
  private readonly unsaved = new Set<string>();
  private saveScheduled?: NodeJS.Timeout;
  lastError?: { message: string; at: string };

  constructor(
    private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly projections: ProjectionRunner,
    private readonly managers: readonly ProcessManager[],
    private readonly dispatcher: CommandDispatcher,
    private readonly clock: Clock,
    private readonly options: { retryDelayMs?: number; turnEveryMs?: number } = {},
  ) {
    this.eventTypes = [...new Set(managers.flatMap((manager) => manager.eventTypes))];
    views.db.exec(CHECKPOINTS_TABLE);
    addColumnIfMissing(views.db, 'process_checkpoints', 'event_hash TEXT');
  }

  async start(): Promise<void> {
    if (this.managers.length === 0) return;
    await this.resetCheckpointsTheLogLost();
    this.loadCheckpoints();
    this.running = true;
    this.position$.next(this.lowestCheckpoint());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.subscription?.close();
    await this.loop;
    this.saveCheckpoints();
  }

  /** Resolves once every process manager has handled the log up to `position`. */
  async waitFor(position: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const handled = this.position$.value;
      if (this.managers.length === 0 || handled >= position) return;
      // Only events of the managers' types move the position: done when none is left up to `position`.
      const [next] = await this.store.readAll({ fromPosition: handled, filter: { eventTypes: this.eventTypes }, maxCount: 1 });
      if (!next || next.position > position) return;
      await firstValueFrom(
        this.position$.pipe(
          filter((reached) => reached >= next.position),
          timeout({ first: Math.max(1, deadline - Date.now()) }),
        ),
      );
    }
  }

  get position(): number {
    return this.position$.value;
  }

  /** Whether this node runs the process managers (a simulation or a CLI command carries reactions out itself). */
  get isRunning(): boolean {
    return this.running;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const from = this.lowestCheckpoint();
      try {
        this.subscription = this.store.subscribeToAll({ fromPosition: from, filter: { eventTypes: this.eventTypes } });
        const turn = eventLoopTurns(this.options.turnEveryMs ?? TURN_EVERY_MS);
        for await (const event of this.subscription) {
          await this.handle(event);
          await turn();
        }
      } catch (error) {
        if (!this.running) return;
        this.lastError = { message: error instanceof Error ? error.message : String(error), at: new Date().toISOString() };
        console.error(`process managers: ${this.lastError.message}`);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    for (const manager of this.managers) {
      if (!manager.eventTypes.includes(event.type) || this.checkpoint(manager.name) >= event.position) continue;
      if (manager.readsViews) await this.projections.waitFor(event.position, 120_000);
      await carryOutReactions(this.store, this.dispatcher, manager, event, { views: this.views }, this.clock.now());
      this.checkpoints.set(manager.name, { position: event.position, hash: event.metadata.hash });
      this.unsaved.add(manager.name);
    }
    this.saveScheduled ??= setTimeout(() => this.saveCheckpoints(), CHECKPOINT_SAVE_DELAY_MS).unref();
    this.position$.next(event.position);
  }

  private loadCheckpoints(): void {
    this.checkpoints.clear();
    const rows = this.views.prepare('SELECT name, position, event_hash AS hash FROM process_checkpoints').all() as {
      name: string;
      position: number;
      hash: string | null;
    }[];
    for (const row of rows) this.checkpoints.set(row.name, { position: row.position, hash: row.hash });
  }

  /** Writes the checkpoints that moved since the last write, in one transaction. */
  private saveCheckpoints(): void {
    if (this.saveScheduled) clearTimeout(this.saveScheduled);
    this.saveScheduled = undefined;
    if (this.unsaved.size === 0) return;
    const save = this.views.prepare(
      `INSERT INTO process_checkpoints (name, position, event_hash) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET position = excluded.position, event_hash = excluded.event_hash`,
    );
    this.views.db.transaction(() => {
      for (const name of this.unsaved) {
        const { position, hash } = this.checkpoints.get(name) as { position: number; hash: string | null };
        save.run(name, position, hash);
      }
    })();
    this.unsaved.clear();
  }

  /**
   * A checkpoint the log no longer holds (an older events.db restored beside these views) would skip every
   * new event up to it: such a manager starts again from the beginning. Its reactions carry ids derived from
   * the events, so what it already did is not done twice.
   */
  private async resetCheckpointsTheLogLost(): Promise<void> {
    const rows = this.views.prepare('SELECT name, position, event_hash AS hash FROM process_checkpoints').all() as {
      name: string;
      position: number;
      hash: string | null;
    }[];
    for (const row of rows) {
      if (await logAnchorHolds(this.store, row.position, row.hash)) continue;
      this.views.prepare('DELETE FROM process_checkpoints WHERE name = ?').run(row.name);
      console.warn(
        `process manager ${row.name}: the log no longer holds its checkpoint ${row.position}; it starts again from the beginning`,
      );
    }
  }

  private checkpoint(name: string): number {
    return this.checkpoints.get(name)?.position ?? 0;
  }

  private lowestCheckpoint(): number {
    return Math.min(...this.managers.map((manager) => this.checkpoint(manager.name)));
  }
}

/**
 * What one process manager asks for in answer to one event, carried out: timers scheduled and commands
 * dispatched as the system, with idempotency keys derived from the event so a replay has no second effect.
 * A refusal is the answer to that reaction (the household was removed meanwhile): it is not retried.
 */
export async function carryOutReactions(
  store: EventStore,
  dispatcher: CommandDispatcher,
  manager: ProcessManager,
  event: RecordedEvent,
  context: ReactionContext,
  now: Date,
): Promise<void> {
  for (const [i, reaction] of manager.react(event, context).entries()) {
    const metadata: CommandMetadata = {
      actor: SYSTEM_ACTOR,
      now,
      // A reaction follows from the fact as of when it happened: a month closed on 31 March is judged as of then.
      occurredAt: event.metadata.occurredAt,
      correlationId: event.metadata.correlationId,
      causationId: event.id,
      idempotencyKey: `${manager.name}:${event.id}:${i}`,
    };
    try {
      if ('timer' in reaction) await scheduleTimer(store, reaction.timer, metadata);
      else await dispatcher.dispatchRecorded(reaction.command, metadata);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
}

/**
 * How long the managers may keep the event loop while they catch up. Over the embedded store every read and every
 * resent (already recorded) reaction resolves at once, so a new node replaying a year of reactions would run on
 * promises alone for minutes: no request answered, no timer fired, SIGTERM not heard.
 */
const TURN_EVERY_MS = 20;

/** A pause for the event loop once `ms` have passed since the last one: the loop's other work runs, then this one resumes. */
function eventLoopTurns(ms: number): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < ms) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** How long a moved checkpoint waits to be written with the others: events handled meanwhile share the write. */
const CHECKPOINT_SAVE_DELAY_MS = 200;

const CHECKPOINTS_TABLE =
  'CREATE TABLE IF NOT EXISTS process_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL, event_hash TEXT)';

/**
 * Marks process managers as having handled the log up to `position` (a bulk load that carried out their reactions
 * itself, as `bangfu simulate` does), so a server opening these views does not react to those events again.
 */
export function markProcessesHandled(views: ReadStore, names: readonly string[], position: number): void {
  views.db.exec(CHECKPOINTS_TABLE);
  addColumnIfMissing(views.db, 'process_checkpoints', 'event_hash TEXT');
  const checkpoint = views.prepare(
    'INSERT INTO process_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
  );
  for (const name of names) checkpoint.run(name, position);
}
