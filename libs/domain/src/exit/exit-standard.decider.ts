import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { dayStart, shanghaiDate } from '../shared/shanghai-time';
import { policyRegionsFor } from '../visit-policy/visit-policy.decider';

export interface ChecklistItemDefinition {
  key: string;
  title: string;
}

/** What a division's exit standard sets: the income line, the incidence limit, its village checklist. */
export interface ExitStandardTerms {
  /** 扶贫标准: per person per year, in fen. */
  incomeLineFen: number;
  /** 贫困村出列: 贫困发生率 must be below this, in basis points (200 = 2%, 300 = 3% in the west). */
  incidenceLimitBp: number;
  /** The province's village checklist (e.g. 九有); empty where none is configured. */
  villageChecklist: ChecklistItemDefinition[];
}

export interface ExitStandardVersion extends ExitStandardTerms {
  regionCode: string;
  version: number;
  effectiveFrom: string;
  reason: string;
}

/** The national line (2300 元 at 2010 prices, about 4000 元 in 2020) and the 2% incidence rule, with no checklist. */
export const DEFAULT_EXIT_STANDARD: ExitStandardVersion = {
  regionCode: '000000',
  version: 0,
  effectiveFrom: '2000-01-01',
  incomeLineFen: 400_000,
  incidenceLimitBp: 200,
  villageChecklist: [],
  reason: '国家扶贫标准：2300元（2010年不变价），按2020年现价约4000元；贫困发生率低于2%',
};

export type ExitStandardCommand = {
  type: 'AdoptExitStandard';
  data: ExitStandardTerms & { regionCode: string; effectiveFrom: string; reason: string };
};
export type ExitStandardEvent = { type: 'ExitStandardAdopted'; data: ExitStandardVersion };
export interface ExitStandardState {
  versions: ExitStandardVersion[];
}

export class RetroactiveStandardError extends DomainError {
  readonly code = 'STANDARD_RETROACTIVE';
}
export class InvalidStandardError extends DomainError {
  readonly code = 'INVALID_STANDARD';
  override readonly kind = 'invalid' as const;
}

export function exitStandardStreamId(regionCode: string): string {
  return `exitstandard-${regionCode}`;
}

/**
 * A division's exit standard, versioned like the visit policy: a version applies from a date not yet
 * begun, so what a past verification was judged against is never rewritten (the line applied is also
 * recorded on the verification itself).
 */
export const exitStandardDecider: Decider<ExitStandardCommand, ExitStandardEvent, ExitStandardState> = {
  initialState: () => ({ versions: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'ExitStandardAdopted':
        return { versions: [...state.versions, event.data] };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'AdoptExitStandard': {
        const terms = command.data;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(terms.effectiveFrom) || Number.isNaN(Date.parse(dayStart(terms.effectiveFrom)))) {
          throw new InvalidStandardError('effectiveFrom must be a date, YYYY-MM-DD', { field: 'effectiveFrom' });
        }
        const keys = terms.villageChecklist.map((item) => item.key);
        if (new Set(keys).size !== keys.length)
          throw new InvalidStandardError('checklist keys must be unique', { field: 'villageChecklist' });
        if (terms.effectiveFrom < shanghaiDate(now)) {
          throw new RetroactiveStandardError(`a standard cannot apply from ${terms.effectiveFrom}, which has begun`, {
            field: 'effectiveFrom',
          });
        }
        const last = state.versions.at(-1);
        if (last && terms.effectiveFrom < last.effectiveFrom) {
          throw new RetroactiveStandardError(
            `version ${last.version} applies from ${last.effectiveFrom}; a new version cannot start before it`,
          );
        }
        return [{ type: 'ExitStandardAdopted', data: { ...terms, version: (last?.version ?? 0) + 1 } }];
      }
      default:
        return assertNever(command.type);
    }
  },
};

/** The most specific division's version in force on a Shanghai date; the national default where none has one. */
export function standardInForce(versionsByRegion: ReadonlyMap<string, ExitStandardVersion[]>, regionCode: string, date: string) {
  for (const region of policyRegionsFor(regionCode)) {
    const inForce = (versionsByRegion.get(region) ?? []).filter((version) => version.effectiveFrom <= date).at(-1);
    if (inForce) return inForce;
  }
  return DEFAULT_EXIT_STANDARD;
}
