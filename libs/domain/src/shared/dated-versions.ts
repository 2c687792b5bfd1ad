import type { DomainError } from './domain-error';
import { dayStart, shanghaiDate } from './shanghai-time';

/** A rule a division adopts in versions, each applying from a Shanghai date (visit policy, exit standard). */
export interface DatedVersion {
  regionCode: string;
  version: number;
  effectiveFrom: string;
}

interface VersionErrors {
  invalid: (message: string, details: Record<string, unknown>) => DomainError;
  retroactive: (message: string, details?: Record<string, unknown>) => DomainError;
}

/**
 * The number of a new version applying from `effectiveFrom`: a date not yet begun and not before the last
 * version's, so what was judged under an earlier version is never changed after the fact.
 */
export function nextVersion(effectiveFrom: string, versions: readonly DatedVersion[], now: Date, errors: VersionErrors): number {
  // A calendar day that exists: 2026-02-30 parses (as 2 March) but is not one.
  const start = /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) ? Date.parse(dayStart(effectiveFrom)) : NaN;
  if (Number.isNaN(start) || shanghaiDate(new Date(start)) !== effectiveFrom) {
    throw errors.invalid('effectiveFrom must be a date, YYYY-MM-DD', { field: 'effectiveFrom' });
  }
  if (effectiveFrom < shanghaiDate(now)) {
    throw errors.retroactive(`a version cannot apply from ${effectiveFrom}, which has begun; choose today or later`, {
      field: 'effectiveFrom',
    });
  }
  const last = versions.at(-1);
  if (last && effectiveFrom < last.effectiveFrom) {
    throw errors.retroactive(`version ${last.version} applies from ${last.effectiveFrom}; a new version cannot start before it`);
  }
  return (last?.version ?? 0) + 1;
}

/** The divisions whose versions could apply to a village, most specific first, ending with the whole country. */
export function regionsAbove(villageCode: string): string[] {
  const province = `${villageCode.slice(0, 2)}0000`;
  const city = `${villageCode.slice(0, 4)}00`;
  return [villageCode, villageCode.slice(0, 9), villageCode.slice(0, 6), city, province, '000000'].filter(
    (code, i, all) => all.indexOf(code) === i,
  );
}

/** The most specific division's latest version in force on a Shanghai date, or the built-in fallback. */
export function versionInForce<V extends DatedVersion>(
  byRegion: ReadonlyMap<string, V[]>,
  villageCode: string,
  date: string,
  fallback: V,
): V {
  for (const region of regionsAbove(villageCode)) {
    const inForce = (byRegion.get(region) ?? []).filter((version) => version.effectiveFrom <= date).at(-1);
    if (inForce) return inForce;
  }
  return fallback;
}
