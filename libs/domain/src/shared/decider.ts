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
 * Per command type, the facts its decision needs from streams other than the aggregate's own (a cadre's status,
 * the policy in force, whether the village is registered). A command type not named needs none.
 */
export type FactsMap<C extends DomainCommand> = { readonly [K in C['type']]?: unknown };

/**
 * A command as its decider sees it: the caller's intent (`type`, `data`) and, beside it, the facts its handler read
 * (`facts`). A caller never builds the facts: it sends the intent, and the handler reads the facts fresh.
 */
export type Decision<C extends DomainCommand, F extends FactsMap<C> = Record<never, never>> = C extends { type: infer K extends string }
  ? K extends keyof F
    ? C & { readonly facts: F[K] }
    : C & { readonly facts?: undefined }
  : never;

/**
 * The whole behaviour of one aggregate: from the events so far (`evolve` folds them into state),
 * what a command produces (`decide` returns new events or throws a DomainError). Pure: no I/O, no clock.
 * `F` names the facts each command type is decided with (none, by default).
 */
export interface Decider<C extends DomainCommand, E extends DomainEvent, S, F extends FactsMap<C> = Record<never, never>> {
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: Decision<C, F>, state: S, context: DecisionContext) => E[];
  /**
   * Whether no command can change the state any more (a timer that fired): such a state is not kept between
   * commands, since none is expected, and the rare late one reads its few events again.
   */
  isFinal?: (state: S) => boolean;
}

/** Ends every `switch` over a union: adding a case without handling it is a compile error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
