import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { invalidFields, type FieldError } from './problem';

const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Strict DTOs at the edge: unknown fields are refused, every failure is named by its field. Keys that
 * shadow Object.prototype (`toString`, `constructor`, `prototype`, …) are refused before transformation;
 * and any key class-transformer silently dropped — which the whitelist then never sees — is refused after.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checked = metadata.type === 'body' || metadata.type === 'query';
    if (checked) refuseUnknown(prototypeKeys(value));
    const result = await super.transform(value, metadata);
    if (checked && metadata.metatype && metadata.metatype !== Object) refuseUnknown(droppedKeys(value, result));
    return result;
  }
}

function refuseUnknown(fields: string[]): void {
  if (fields.length === 0) return;
  throw invalidFields(
    fields.map((field) => ({ field, message: `property ${field.split('.').at(-1)} should not exist`, code: 'UNKNOWN_PROPERTY' })),
  );
}

/** Keys of the raw input that did not survive into the validated object, at any depth. */
function droppedKeys(raw: unknown, transformed: unknown, path = ''): string[] {
  if (raw === null || typeof raw !== 'object' || transformed === null || typeof transformed !== 'object') return [];
  return Object.keys(raw).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(transformed, key)) return [field];
    return droppedKeys((raw as Record<string, unknown>)[key], (transformed as Record<string, unknown>)[key], field);
  });
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => invalidFields(flatten(errors)),
  });
}

/** class-validator's rule names as stable codes (isString → IS_STRING); an unknown field is UNKNOWN_PROPERTY however it was found. */
function ruleCode(rule: string): string {
  return rule === 'whitelistValidation' ? 'UNKNOWN_PROPERTY' : rule.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
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
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, message, code: ruleCode(rule) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
