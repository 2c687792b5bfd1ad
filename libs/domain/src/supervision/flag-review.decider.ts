import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

export const FLAG_STATUSES = ['open', 'explained', 'confirmed', 'closed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];
export type FlagReviewStatus = Exclude<FlagStatus, 'open'>;

/** Who may move a flag to each status: those responsible explain; inspectors and offices confirm or close. */
export const FLAG_REVIEW_ROLES: Record<FlagReviewStatus, readonly string[]> = {
  explained: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
  confirmed: ['inspector', 'township-reviewer', 'county-admin'],
  closed: ['inspector', 'township-reviewer', 'county-admin'],
};

export type FlagReviewCommand = {
  type: 'ReviewFlag';
  data: { flagId: string; status: FlagReviewStatus; note: string };
};

/**
 * The flag under review, as the flag views hold it: flags are derived from the log by projections and have no
 * stream of their own, so the view is where a flag's village and type are found (a named query in the handler).
 */
export interface FlagReviewFacts {
  ReviewFlag: { villageCode: string; flagType: string };
}
export type FlagReviewEvent = {
  type: 'FlagReviewed';
  data: { flagId: string; status: FlagReviewStatus; previous: FlagStatus; note: string; villageCode: string; flagType: string };
};
export interface FlagReviewState {
  status: FlagStatus;
}

export class FlagNotFoundError extends DomainError {
  readonly code = 'FLAG_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class FlagClosedError extends DomainError {
  readonly code = 'FLAG_CLOSED';
}
export class FlagStatusUnchangedError extends DomainError {
  readonly code = 'FLAG_STATUS_UNCHANGED';
}
export class FlagReviewRoleError extends DomainError {
  readonly code = 'FLAG_REVIEW_ROLE_NOT_ALLOWED';
  override readonly kind = 'forbidden' as const;
}

export function flagReviewStreamId(flagId: string): string {
  return `flagreview-${flagId}`;
}

/** A red flag's handling: open → explained (说明) → confirmed (属实) → closed (办结), or closed at once; closed is final. */
export const flagReviewDecider: Decider<FlagReviewCommand, FlagReviewEvent, FlagReviewState, FlagReviewFacts> = {
  initialState: () => ({ status: 'open' }),
  evolve(_state, event) {
    switch (event.type) {
      case 'FlagReviewed':
        return { status: event.data.status };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, state, { actor }) {
    switch (command.type) {
      case 'ReviewFlag': {
        const { status } = command.data;
        const roles = FLAG_REVIEW_ROLES[status];
        if (!actor.roles.some((role) => roles.includes(role))) {
          throw new FlagReviewRoleError(`a flag is ${status} by ${roles.join(', ')}`, { roles });
        }
        if (state.status === 'closed') throw new FlagClosedError(`flag ${command.data.flagId} is closed`);
        if (state.status === status) throw new FlagStatusUnchangedError(`flag ${command.data.flagId} is already ${status}`);
        return [{ type: 'FlagReviewed', data: { ...command.data, ...command.facts, previous: state.status } }];
      }
      default:
        return assertNever(command.type);
    }
  },
};
