import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem';

const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Strict DTOs at the edge: unknown fields are refused, every failure is named by its field. Keys that
 * shadow Object.prototype (`toString`, `constructor`, …) slip past class-transformer's whitelist, so they
 * are refused before it runs.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const offending = prototypeKeys(value);
      if (offending.length) {
        throw new ProblemException(
          422,
          'VALIDATION_FAILED',
          'the request is invalid',
          offending.map((field) => ({ field, message: `property ${field.split('.').at(-1)} should not exist` })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ProblemException(422, 'VALIDATION_FAILED', 'the request is invalid', flatten(errors)),
  });
}

function prototypeKeys(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    return PROTOTYPE_KEYS.has(key) ? [field] : prototypeKeys((value as Record<string, unknown>)[key], field);
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
