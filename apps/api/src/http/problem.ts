import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
  /** Stable: the validation rule that failed (`IS_STRING`, `MATCHES`), or the domain error's code. */
  code?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** An RFC 9457 problem with a stable `code`, thrown anywhere in the HTTP layer. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }
}

export function problemType(code: string): string {
  return `urn:bangfu:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** 422 VALIDATION_FAILED naming the fields at fault: what a pipe or a controller answers for input the DTOs cannot check. */
export function invalidFields(errors: FieldError[]): ProblemException {
  return new ProblemException(422, 'VALIDATION_FAILED', 'the request is invalid', errors);
}

export function invalidField(field: string, message: string): ProblemException {
  return invalidFields([{ field, message }]);
}

export function problemBody(
  status: number,
  code: string,
  detail: string,
  errors?: ProblemBody['errors'],
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: problemType(code),
    title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
    status,
    code,
    detail,
    ...(errors ? { errors } : {}),
    ...extensions,
  };
}
