import { DomainError, assertNever, type Decider, type DomainCommand } from '@bangfu/domain';

export type TimerCommand =
  | { type: 'ScheduleTimer'; data: { timerId: string; dueAt: string; command: DomainCommand; purpose: string } }
  | { type: 'CancelTimer'; data: { timerId: string; reason: string } }
  | { type: 'FireTimer'; data: { timerId: string; outcome: TimerOutcome } };

export type TimerOutcome =
  { result: 'dispatched'; streamId: string; eventIds: string[] } | { result: 'refused'; code: string; message: string };

export type TimerEvent =
  | { type: 'TimerScheduled'; data: { timerId: string; dueAt: string; command: DomainCommand; purpose: string } }
  | { type: 'TimerCancelled'; data: { timerId: string; reason: string } }
  | { type: 'TimerFired'; data: { timerId: string; dueAt: string; firedAt: string; outcome: TimerOutcome } };

/** A timer that is done keeps no command: nothing decided on it reads one again, and a kept state stays small. */
export type TimerState =
  { status: 'none' } | { status: 'pending'; dueAt: string; command: DomainCommand } | { status: 'cancelled' | 'fired'; dueAt: string };

export class TimerNotFoundError extends DomainError {
  readonly code = 'TIMER_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class TimerAlreadyFiredError extends DomainError {
  readonly code = 'TIMER_ALREADY_FIRED';
}
export class TimerNotDueError extends DomainError {
  readonly code = 'TIMER_NOT_DUE';
}

export function timerStreamId(timerId: string): string {
  return `timer-${timerId}`;
}

/**
 * A durable timer is a stream of its own: scheduling, cancelling and firing are events, so a timer
 * survives restarts and every firing is on the record. Repeating a command that already took effect
 * produces no event — that is what makes two nodes firing the same timer harmless.
 */
export const timerDecider: Decider<TimerCommand, TimerEvent, TimerState> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    switch (event.type) {
      case 'TimerScheduled':
        return { status: 'pending', dueAt: event.data.dueAt, command: event.data.command };
      case 'TimerCancelled':
        return state.status === 'none' ? state : { status: 'cancelled', dueAt: state.dueAt };
      case 'TimerFired':
        return state.status === 'none' ? state : { status: 'fired', dueAt: state.dueAt };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'ScheduleTimer': {
        if (Number.isNaN(Date.parse(command.data.dueAt))) throw new TimerNotDueError(`dueAt ${command.data.dueAt} is not an instant`);
        if (state.status === 'fired') throw new TimerAlreadyFiredError(`timer ${command.data.timerId} has already fired`);
        const same = state.status === 'pending' && state.dueAt === command.data.dueAt && sameCommand(state.command, command.data.command);
        return same ? [] : [{ type: 'TimerScheduled', data: command.data }];
      }
      case 'CancelTimer':
        if (state.status === 'none') throw new TimerNotFoundError(`timer ${command.data.timerId} was never scheduled`);
        return state.status === 'pending' ? [{ type: 'TimerCancelled', data: command.data }] : [];
      case 'FireTimer':
        if (state.status === 'none') throw new TimerNotFoundError(`timer ${command.data.timerId} was never scheduled`);
        if (state.status !== 'pending') return [];
        if (Date.parse(state.dueAt) > now.getTime()) throw new TimerNotDueError(`timer ${command.data.timerId} is due at ${state.dueAt}`);
        return [
          {
            type: 'TimerFired',
            data: { timerId: command.data.timerId, dueAt: state.dueAt, firedAt: now.toISOString(), outcome: command.data.outcome },
          },
        ];
      default:
        return assertNever(command);
    }
  },
  // A cancelled timer may be scheduled again; a fired one only refuses or ignores what follows.
  isFinal: (state) => state.status === 'fired',
};

function sameCommand(a: DomainCommand, b: DomainCommand): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
