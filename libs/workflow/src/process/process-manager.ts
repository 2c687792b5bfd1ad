import type { DomainCommand } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { ReadStore } from '@bangfu/projections';
import type { ScheduleTimerInput } from '../timers/timer-scheduler';

/** What a process manager asks for in answer to an event: a command now, or a command at a due time. */
export type Reaction = { command: DomainCommand } | { timer: ScheduleTimerInput };

export interface ReactionContext {
  /** Read models, caught up at least to the event being handled. */
  views: ReadStore;
}

/**
 * A process reacting to events across streams (e.g. a new assignment → the 对接 deadline timer). It is
 * fed by a checkpointed subscription and its reactions are appended with ids derived from the event, so a
 * replay after a crash produces no second effect.
 */
export interface ProcessManager {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** Whether `react` reads views, so the runner must wait until they have applied the event. */
  readonly readsViews?: boolean;
  react(event: RecordedEvent, context: ReactionContext): Reaction[];
}
