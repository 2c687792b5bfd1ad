import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

/** An ISO-8601 instant with a zone (`2026-03-05T09:30:00+08:00`); the record keeps it in UTC. */
export function Instant(description: string, optional = true) {
  const doc = { example: '2026-03-05T09:30:00+08:00', description };
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsString(),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an ISO-8601 instant' }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must name its zone (Z or +08:00)' }),
  );
}

/** A Shanghai calendar day, `YYYY-MM-DD`, that exists (2026-02-30 is refused, not rolled over into March). */
export function CalendarDate(description: string, optional = true, example = '2026-01-01') {
  const doc = { example, description, format: 'date' };
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a date that exists on the calendar' }),
  );
}

export function Reason(description = 'why, in words: it is kept on the record', optional = false) {
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional({ description })] : [ApiProperty({ description })]),
    IsString(),
    Length(1, 500),
  );
}

export function VillageCode() {
  return applyDecorators(
    ApiProperty({ example: '222426103201', description: '12-digit village division code' }),
    IsString(),
    Matches(/^\d{12}$/, { message: '$property must be a 12-digit village code' }),
  );
}

/** A division code (6, 9 or 12 digits), as the domain defines it. */
export { DIVISION_CODE } from '@bangfu/domain';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** An event id as the store gives them (a UUID). */
export const EVENT_ID_PATTERN = /^[0-9a-fA-F-]{8,64}$/;

/** Ids chosen by offices for units and cadres (a cadre's id is the subject of their token). */
export function EntityId(example: string, description: string) {
  return applyDecorators(
    ApiProperty({ example, description }),
    IsString(),
    Matches(ID_PATTERN, { message: '$property must be 1–64 letters, digits, and _ . : -' }),
  );
}

/** Integer fen (分): a decimal, a float or a string is refused with a field error, never rounded. */
export function Fen(description: string) {
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: 1, example: 4_800_000, description }),
    IsInt({ message: '$property must be an integer number of fen (分), not a decimal or a string' }),
    Min(1),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

/** Several property decorators as one, for fields built from a shared list (`@apply(finding('不愁吃'))`). */
export const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** Up to 50 short texts (evidence: documents, photos, vouchers), each 1–500 characters. */
export function TextList(description: string, optional = true) {
  const doc = { type: [String] as [StringConstructor], description };
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    Length(1, 500, { each: true }),
  );
}

/**
 * One field of a pair of which exactly one is sent (`householdId` or `villageCode`): validated whenever it
 * is present or its partner is absent, and refused when both are present — so neither field can ride past
 * validation on the other's presence.
 */
export function OneOf(partner: string) {
  const present = (o: object, key: string) => (o as Record<string, unknown>)[key] !== undefined;
  return (target: object, property: string | symbol) => {
    const own = String(property);
    applyDecorators(
      ValidateIf((o: object) => present(o, own) || !present(o, partner)),
      ValidateBy({
        name: 'oneOf',
        validator: {
          validate: (_value, args) => !present(args?.object ?? {}, partner),
          defaultMessage: () => `send ${own} or ${partner}, not both`,
        },
      }),
    )(target, property);
  };
}

/**
 * An optional field that is either absent or valid: unlike `IsOptional`, a `null` is refused, not read as "not sent"
 * (where absent means "leave it as it is", a null would otherwise slip past every rule).
 */
export function AbsentOrValid() {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
