/**
 * Personal data of poor households and cadres: ID card numbers (身份证号) and phone numbers. They are
 * validated at the edge, masked in every response and never written to application logs.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: 17 digits (6 region, 8 birth date, 3 sequence) and a mod-11 check character. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) return false;
  return idNumberCheckCharacter(value) === value[17];
}

/** The GB 11643 check character for the first 17 characters of an ID number. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** 220221199001011234 → 220221********123X style: region kept, birth date and sequence hidden. */
export function maskIdNumber(value: string): string {
  if (value.length !== 18) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** 13812345678 → 138****5678. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(value.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const ID_KEY = /^(idNumber|idCard|idCardNumber|.*IdNumber|身份证号)$/;
const PHONE_KEY = /^(phone|mobile|telephone|.*Phone|联系电话|电话)$/;

export type PersonalField = 'idNumber' | 'phone';

export function personalFieldOf(key: string): PersonalField | undefined {
  if (ID_KEY.test(key)) return 'idNumber';
  if (PHONE_KEY.test(key)) return 'phone';
  return undefined;
}

/**
 * A copy of `value` with every ID number and phone number masked, found by field name at any depth.
 * Returns the number of values masked, so a caller knows whether personal data was in the answer.
 */
export function maskPersonalData<T>(value: T): { masked: T; count: number } {
  let count = 0;
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object' || item instanceof Date) return item;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(item as Record<string, unknown>)) {
      const kind = typeof field === 'string' ? personalFieldOf(key) : undefined;
      if (kind) {
        count++;
        out[key] = kind === 'idNumber' ? maskIdNumber(field as string) : maskPhone(field as string);
      } else {
        out[key] = walk(field);
      }
    }
    return out;
  };
  const masked = walk(value) as T;
  return { masked, count };
}
