import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { nextVersion, versionInForce } from '../shared/dated-versions';

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
  /** 摘帽: 错退率 and 漏评率 must each be below these, in basis points (200 = 2%). */
  wrongExitLimitBp: number;
  missedLimitBp: number;
  /** 摘帽: 群众认可度 at least this, in basis points (9000 = 90%). */
  approvalMinimumBp: number;
}

/** The 摘帽 thresholds of the national rules (国开办发〔2017〕56号): 错退率、漏评率 below 2%, 群众认可度 at least 90%. */
export const NATIONAL_ASSESSMENT_THRESHOLDS = { wrongExitLimitBp: 200, missedLimitBp: 200, approvalMinimumBp: 9000 } as const;

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
  ...NATIONAL_ASSESSMENT_THRESHOLDS,
  reason: '国家扶贫标准：2300元（2010年不变价），按2020年现价约4000元；贫困发生率低于2%',
};

/**
 * A version as stored: versions adopted before the 摘帽 thresholds were part of the standard were adopted under the
 * national ones, which are filled in when absent (a tolerant reader; the log is never rewritten).
 */
export function storedStandard(data: Omit<ExitStandardVersion, keyof typeof NATIONAL_ASSESSMENT_THRESHOLDS> & Partial<ExitStandardTerms>) {
  return { ...NATIONAL_ASSESSMENT_THRESHOLDS, ...data } as ExitStandardVersion;
}

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
        return { versions: [...state.versions, storedStandard(event.data)] };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'AdoptExitStandard': {
        const terms = command.data;
        const keys = terms.villageChecklist.map((item) => item.key);
        if (new Set(keys).size !== keys.length)
          throw new InvalidStandardError('checklist keys must be unique', { field: 'villageChecklist' });
        const version = nextVersion(terms.effectiveFrom, state.versions, now, {
          invalid: (message, details) => new InvalidStandardError(message, details),
          retroactive: (message, details) => new RetroactiveStandardError(message, details),
        });
        return [{ type: 'ExitStandardAdopted', data: { ...terms, version } }];
      }
      default:
        return assertNever(command.type);
    }
  },
};

/** The most specific division's version in force on a Shanghai date; the national default where none has one. */
export function standardInForce(versionsByRegion: ReadonlyMap<string, ExitStandardVersion[]>, regionCode: string, date: string) {
  return versionInForce(versionsByRegion, regionCode, date, DEFAULT_EXIT_STANDARD);
}
