import { DomainError } from '../shared/domain-error';

export class InvalidHouseholdError extends DomainError {
  readonly code = 'INVALID_HOUSEHOLD';
  override readonly kind = 'invalid' as const;
}
export class InvalidIdNumberError extends DomainError {
  readonly code = 'INVALID_ID_NUMBER';
  override readonly kind = 'invalid' as const;
}
export class HouseholdNotFoundError extends DomainError {
  readonly code = 'HOUSEHOLD_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class HouseholdAlreadyRegisteredError extends DomainError {
  readonly code = 'HOUSEHOLD_ALREADY_REGISTERED';
}
/** A 精准识别 case for the 户编号 is open: the household is registered by the case's end, not directly. */
export class IdentificationInProgressError extends DomainError {
  readonly code = 'IDENTIFICATION_IN_PROGRESS';
}
export class HouseholdRemovedError extends DomainError {
  readonly code = 'HOUSEHOLD_REMOVED';
}
export class VillageNotRegisteredError extends DomainError {
  readonly code = 'VILLAGE_NOT_REGISTERED';
}
export class HouseholdNotExitedError extends DomainError {
  readonly code = 'HOUSEHOLD_NOT_EXITED';
}
export class HouseholdAlreadyExitedError extends DomainError {
  readonly code = 'HOUSEHOLD_ALREADY_EXITED';
}
export class InFutureError extends DomainError {
  readonly code = 'TIME_IN_FUTURE';
  override readonly kind = 'invalid' as const;
}
export class BeforeRegistrationError extends DomainError {
  readonly code = 'BEFORE_REGISTRATION';
}
/** 不脱贫不脱钩: responsibility for a household that has not exited may only pass to a successor. */
export class DecouplingBeforeExitError extends DomainError {
  readonly code = 'DECOUPLING_BEFORE_EXIT';
}
export class NoResponsibleCadreError extends DomainError {
  readonly code = 'NO_RESPONSIBLE_CADRE';
}
export class AssignmentOutOfOrderError extends DomainError {
  readonly code = 'ASSIGNMENT_OUT_OF_ORDER';
}
export class CadreNotFoundError extends DomainError {
  readonly code = 'CADRE_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class CadreRecalledError extends DomainError {
  readonly code = 'CADRE_RECALLED';
}
export class VisitorOutsideVillageError extends DomainError {
  readonly code = 'VISITOR_OUTSIDE_VILLAGE';
}
export class VisitNotFoundError extends DomainError {
  readonly code = 'VISIT_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class VisitAlreadyRecordedError extends DomainError {
  readonly code = 'VISIT_ALREADY_RECORDED';
}
export class VisitAlreadyRetractedError extends DomainError {
  readonly code = 'VISIT_ALREADY_RETRACTED';
}
export class NotYourVisitError extends DomainError {
  readonly code = 'NOT_YOUR_VISIT';
  override readonly kind = 'forbidden' as const;
}
