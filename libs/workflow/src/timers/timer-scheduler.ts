import { DomainError, SYSTEM_ACTOR, type DomainCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import type { ReadStore } from '@bangfu/projections';
import type { Clock } from '../clock/clock';
import type { DueTimerRow } from './due-timers.projection';
import { timerDecider, timerStreamId, type TimerOutcome } from './timer.decider';

/** Sends a command to the decider that owns it; the API wires this to the CQRS command bus. */
/** Sends a command that was held as data (a timer's, a process manager's reaction) to its handler. */
export interface CommandDispatcher {
  dispatchRecorded(command: DomainCommand, metadata: CommandMetadata): Promise<AppendResult>;
}

export interface ScheduleTimerInput {
  timerId: string;
  dueAt: string;
  command: DomainCommand;
  purpose: string;
}

export function scheduleTimer(store: EventStore, input: ScheduleTimerInput, metadata: CommandMetadata): Promise<AppendResult> {
  return handleCommand(store, timerStreamId(input.timerId), timerDecider, { type: 'ScheduleTimer', data: input }, metadata);
}

export function cancelTimer(store: EventStore, timerId: string, reason: string, metadata: CommandMetadata): Promise<AppendResult> {
  return handleCommand(store, timerStreamId(timerId), timerDecider, { type: 'CancelTimer', data: { timerId, reason } }, metadata);
}

/** Fires the timers that are due by the clock, from the due-timers view, one firing at a time (`fireTimer`). */
export class TimerScheduler {
  private interval?: NodeJS.Timeout;
  private ticking?: Promise<number>;

  constructor(
    private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly dispatcher: CommandDispatcher,
    private readonly clock: Clock,
  ) {}

  /** Fires every timer due at the clock's now; returns how many were fired by this call. */
  tick(): Promise<number> {
    // One tick at a time per scheduler; an overlapping call waits for the running one.
    this.ticking ??= this.fireDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  start(intervalMs = 1000): void {
    this.interval = setInterval(() => void this.tick().catch((error) => console.error(`timer scheduler: ${String(error)}`)), intervalMs);
    this.interval.unref();
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    await this.ticking;
  }

  private async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const now = this.clock.now();
      const due = this.views
        .prepare(
          `SELECT timer_id, due_at, command, purpose FROM timers WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, timer_id LIMIT 200`,
        )
        .all(now.toISOString()) as DueTimerRow[];
      let progressed = 0;
      for (const timer of due) if (await this.fire(timer, now)) progressed++;
      fired += progressed;
      // The index is a view: it shows a timer as fired only once the projection has caught up.
      if (due.length < 200 || progressed === 0) return fired;
    }
  }

  private fire(timer: DueTimerRow, now: Date): Promise<boolean> {
    return fireTimer(
      this.store,
      this.dispatcher,
      { timerId: timer.timer_id, dueAt: timer.due_at, command: JSON.parse(timer.command) },
      now,
    );
  }
}

/**
 * Fires one timer: dispatches its command with event ids derived from the timer id, then records
 * TimerFired with the outcome. Returns whether this call recorded the firing. Any number of schedulers (nodes,
 * or a retry after a crash between the two steps) may fire the same timer: the store keeps one copy of the
 * derived events, so there is one effect.
 */
export async function fireTimer(
  store: EventStore,
  dispatcher: CommandDispatcher,
  timer: { timerId: string; dueAt: string; command: DomainCommand },
  now: Date,
  correlationId?: string,
): Promise<boolean> {
  const base = { actor: SYSTEM_ACTOR, now, occurredAt: timer.dueAt, correlationId };
  let outcome: TimerOutcome;
  try {
    const result = await dispatcher.dispatchRecorded(timer.command, { ...base, idempotencyKey: `timer:${timer.timerId}` });
    outcome = { result: 'dispatched', streamId: result.streamId, eventIds: result.eventIds };
  } catch (error) {
    // A refusal is an answer (the household was visited after all, say): record it and stop trying.
    if (!(error instanceof DomainError)) throw error;
    outcome = { result: 'refused', code: error.code, message: error.message };
  }
  try {
    const result = await handleCommand(
      store,
      timerStreamId(timer.timerId),
      timerDecider,
      { type: 'FireTimer', data: { timerId: timer.timerId, outcome } },
      { ...base, idempotencyKey: `timer-fired:${timer.timerId}` },
    );
    return result.eventIds.length > 0 && !result.duplicate;
  } catch (error) {
    // Rescheduled meanwhile (the view was behind): it fires at its new time, and the derived event ids
    // keep the command that was just dispatched from taking effect a second time.
    if (error instanceof DomainError) return false;
    throw error;
  }
}
