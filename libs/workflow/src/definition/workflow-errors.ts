import { DomainError } from '@bangfu/domain';

export class WorkflowNotFoundError extends DomainError {
  readonly code = 'WORKFLOW_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class DefinitionNotFoundError extends DomainError {
  readonly code = 'DEFINITION_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class WorkflowInProgressError extends DomainError {
  readonly code = 'WORKFLOW_IN_PROGRESS';
}
export class WorkflowClosedError extends DomainError {
  readonly code = 'WORKFLOW_CLOSED';
}
export class StepNotCurrentError extends DomainError {
  readonly code = 'STEP_NOT_CURRENT';
}
export class ActionNotAllowedError extends DomainError {
  readonly code = 'ACTION_NOT_ALLOWED';
}
/** The actor is authenticated and within jurisdiction, but this step is not theirs to act on. */
export class RoleNotAllowedError extends DomainError {
  readonly code = 'STEP_ROLE_NOT_ALLOWED';
  override readonly kind = 'forbidden' as const;
}
export class StepTooEarlyError extends DomainError {
  readonly code = 'STEP_TOO_EARLY';
}
/** An act stated at a time before the step it acts on began (or a case before the previous one ended). */
export class ActBeforePreviousError extends DomainError {
  readonly code = 'ACT_BEFORE_PREVIOUS_STEP';
}
export class ActInFutureError extends DomainError {
  readonly code = 'TIME_IN_FUTURE';
  override readonly kind = 'invalid' as const;
}
export class EvidenceRequiredError extends DomainError {
  readonly code = 'EVIDENCE_REQUIRED';
  override readonly kind = 'invalid' as const;
}

/** A refusal whose stable code is part of the definition (separation of duties) or of a named guard. */
export class WorkflowRuleError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

export class InvalidEvidenceError extends DomainError {
  override readonly kind = 'invalid' as const;
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}
