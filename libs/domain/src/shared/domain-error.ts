/**
 * A refusal by the rules. `code` is stable: clients and reviewers match on it, so never rename one.
 * `kind` chooses the HTTP answer: a broken rule or a conflict is 409, an invalid command 422.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly kind: 'rule' | 'invalid' | 'not_found' | 'forbidden' = 'rule';
  /** Which fields of the command are wrong, for an invalid one (answered as problem+json `errors[]`). */
  readonly fieldErrors?: readonly { field: string; message: string }[];

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
