export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

// GB/T 2260 province-level prefixes: the first two digits of every real division code.
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export interface ParsedRegionCode {
  code: string;
  level: RegionLevel;
  /** The division that must already be registered: derived from the code, never typed in. */
  parentCode: string | null;
}

/**
 * Statistical division codes: 6 digits for province (XX0000), city (XXYY00) and county (XXYYZZ),
 * 9 for a township (county + 3), 12 for a village (township + 3). Returns a reason when invalid.
 */
export function parseRegionCode(code: string): ParsedRegionCode | { invalid: string } {
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) return { invalid: 'a division code has 6, 9 or 12 digits' };
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return { invalid: `${code.slice(0, 2)} is not a province-level prefix` };
  if (code.length === 12) {
    if (code.endsWith('000')) return { invalid: 'a village code does not end in 000' };
    return { code, level: 'village', parentCode: code.slice(0, 9) };
  }
  if (code.length === 9) {
    if (code.endsWith('000')) return { invalid: 'a township code does not end in 000' };
    if (code.slice(4, 6) === '00') return { invalid: 'a township lies in a county, whose code does not end in 00' };
    return { code, level: 'township', parentCode: code.slice(0, 6) };
  }
  if (code.endsWith('0000')) return { code, level: 'province', parentCode: null };
  if (code.endsWith('00')) return { code, level: 'city', parentCode: `${code.slice(0, 2)}0000` };
  return { code, level: 'county', parentCode: `${code.slice(0, 4)}00` };
}

/** The digits that every code inside this region starts with (220000 → 22, 222426 → 222426). */
export function regionPrefix(code: string): string {
  if (code === '000000') return '';
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether `inner` lies within `outer` (a region contains itself). '000000' is the whole country. */
export function regionContains(outer: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

/** A code an actor's jurisdiction may be: a valid division code, or '000000' for the whole country. */
export function isJurisdictionCode(code: string): boolean {
  return code === '000000' || !('invalid' in parseRegionCode(code));
}

/**
 * Bounds for `code >= ? AND code < ?`: every code starting with `prefix`. A range on the index, where a
 * `LIKE prefix%` would scan; '\uffff' sorts after every digit.
 */
export function codesUnder(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** A division code: province or county (6 digits), township (9) or village (12). */
export const DIVISION_CODE = /^(\d{6}|\d{9}|\d{12})$/;
