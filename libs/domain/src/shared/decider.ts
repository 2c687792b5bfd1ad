import type { Actor } from './actor';

/** What an event is to the domain: a past-tense type and its data. The store adds the envelope. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

export interface DomainCommand<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** Time and identity come in from outside so that `decide` stays deterministic. */
export interface DecisionContext {
  now: Date;
  actor: Actor;
  /**
   * The business time the command is decided as of, where it states one (a timer's due time, history brought
   * in); absent, now. A decider that asks "what had happened by then" reads this, never the record's clock.
   */
  occurredAt?: string;
}

/**
 * The whole behaviour of one aggregate: from the events so far (`evolve` folds them into state),
 * what a command produces (`decide` returns new events or throws a DomainError). Pure: no I/O, no clock.
 */
export interface Decider<C extends DomainCommand, E extends DomainEvent, S> {
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S, context: DecisionContext) => E[];
}

/** Ends every `switch` over a union: adding a case without handling it is a compile error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
