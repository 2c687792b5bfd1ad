import type { CadreRecordInputs, VillageStandingInputs, VisitDuty } from '@bangfu/projections';

const round1 = (value: number) => Math.round(value * 10) / 10;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * 帮扶责任人 ranking (DOMAIN rule 14): each rate a cadre's record gives, weighted; a rate with nothing to measure
 * (no handover owed, no measure due) is left out of the weights rather than counted as met or missed.
 */
export const CADRE_FORMULA =
  '得分 = 100 ×（40 × 走访覆盖率 + 20 ×（1 − 补录率）+ 20 × 对接按时率 + 20 × 措施按期落实率）÷ 计入的权重 − 5 × 被督查问题' +
  '（无应对接、无到期措施的项不计入权重；无应走访户月的不排名；保留一位小数）；红榜：得分 ≥ 90 且无漏访、无问题；黑榜：得分 < 70 或走访覆盖率 < 90%';

export interface CadreRates {
  coverage: number | null;
  backfillRate: number | null;
  handoverRate: number | null;
  measureRate: number | null;
}

export function cadreRates(duty: VisitDuty, record: CadreRecordInputs): CadreRates {
  return {
    coverage: share(duty.owed - duty.missed, duty.owed),
    backfillRate: share(record.backfilled, record.visits),
    handoverRate: share(record.handovers - record.handoversMissed, record.handovers),
    measureRate: share(record.measuresOnTime, record.measuresDue),
  };
}

export function cadreScore(rates: CadreRates, findings: number): number | null {
  if (rates.coverage === null) return null;
  const terms: [weight: number, rate: number | null][] = [
    [40, rates.coverage],
    [20, rates.backfillRate === null ? null : 1 - rates.backfillRate],
    [20, rates.handoverRate],
    [20, rates.measureRate],
  ];
  const counted = terms.filter((term): term is [number, number] => term[1] !== null);
  const weights = counted.reduce((sum, [weight]) => sum + weight, 0);
  return round1((100 * counted.reduce((sum, [weight, rate]) => sum + weight * rate, 0)) / weights - 5 * findings);
}

export function cadreList(score: number | null, rates: CadreRates, duty: VisitDuty, findings: number): '红榜' | '黑榜' | null {
  if (score === null) return null;
  if (score < 70 || (rates.coverage ?? 1) < 0.9) return '黑榜';
  return score >= 90 && duty.missed === 0 && findings === 0 ? '红榜' : null;
}

/** 村 ranking: the visit rule kept, less what is still open against the village. */
export const VILLAGE_FORMULA =
  '得分 = 100 × 走访覆盖率 − 5 × 未整改问题 − 10 × 逾期未落实措施 − 10 × 驻村工作队未按期报告（无应走访户月的不排名；保留一位小数）；' +
  '红榜：得分 ≥ 95 且无未整改问题、无逾期措施、无漏报；黑榜：得分 < 80';

export function villageScore(duty: VisitDuty, standing: VillageStandingInputs): number | null {
  const coverage = share(duty.owed - duty.missed, duty.owed);
  if (coverage === null) return null;
  return round1(100 * coverage - 5 * standing.openFindings - 10 * standing.measuresOverdue - 10 * standing.teamReportsMissed);
}

export function villageList(score: number | null, standing: VillageStandingInputs): '红榜' | '黑榜' | null {
  if (score === null) return null;
  if (score < 80) return '黑榜';
  return score >= 95 && standing.openFindings === 0 && standing.measuresOverdue === 0 && standing.teamReportsMissed === 0 ? '红榜' : null;
}

/** Ranks entries by score, highest first (ties by name); an entry without a score is listed unranked, last. */
export function ranked<T extends { name: string; score: number | null }>(entries: T[]): (T & { rank: number | null })[] {
  return [...entries]
    .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.name.localeCompare(b.name))
    .map((entry, i) => ({ ...entry, rank: entry.score === null ? null : i + 1 }));
}
