import { DEFAULT_VISIT_TERMS } from '@bangfu/domain';
import { projectionSpec } from '@bangfu/testing';
import { visitFlagsProjection } from './visit-flags.projection';

const VILLAGE = '222426103201';
const OTHER_VILLAGE = '222426103202';
const OK = { result: 'met' as const };
const FINDINGS = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };
const DAY = 86_400_000;
const MINUTE = 60_000;
const T = Date.parse('2026-03-10T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const visit = (visitId: string, occurredAt: number, recordedAt: number, villageCode = VILLAGE) => ({
  type: 'VisitRecorded',
  streamId: `household-${villageCode}0001`,
  occurredAt: iso(occurredAt),
  recordedAt: iso(recordedAt),
  data: {
    visitId,
    householdId: `${villageCode}0001`,
    villageCode,
    cadreId: 'c1',
    kind: '走访',
    occurredAt: iso(occurredAt),
    findings: FINDINGS,
    measures: [],
    notes: '',
    byResponsibleCadre: true,
  },
});
const countyPolicy = (terms: Partial<typeof DEFAULT_VISIT_TERMS>) => ({
  type: 'VisitPolicyAdopted',
  data: { ...DEFAULT_VISIT_TERMS, ...terms, regionCode: '222426', version: 1, effectiveFrom: '2026-01-01', reason: '县定走访制度' },
});

describe('visit flags: the thresholds of the visit policy in force', () => {
  let view: ReturnType<typeof projectionSpec>;
  beforeEach(() => (view = projectionSpec([visitFlagsProjection])));
  afterEach(() => view.close());
  const flags = (type: string) =>
    view.rows<{ flag_id: string; details: string }>('SELECT flag_id, details FROM flags WHERE type = ?', type);

  it('given the default 7 days, a visit entered 7 days after it is not backfilled, one entered 8 days after is', () => {
    view.given(visit('v7', T, T + 7 * DAY), visit('v8', T, T + 8 * DAY));
    expect(flags('BACKFILLED_VISIT').map((f) => f.flag_id)).toEqual(['BACKFILLED_VISIT:v8']);
    expect(JSON.parse(flags('BACKFILLED_VISIT')[0].details)).toMatchObject({ lagDays: 8, thresholdDays: 7, policyVersion: 0 });
  });

  it('given a county policy of 3 days, a visit entered 4 days after it is backfilled under that version', () => {
    view.given(countyPolicy({ backfillDays: 3 }), visit('v4', T, T + 4 * DAY));
    expect(flags('BACKFILLED_VISIT').map((f) => JSON.parse(f.details))).toEqual([
      expect.objectContaining({ lagDays: 4, thresholdDays: 3, policyVersion: 1 }),
    ]);
  });

  it('given the default 30 minutes, one cadre’s visits in two villages 20 minutes apart are simultaneous, 40 minutes apart are not', () => {
    view.given(visit('a', T, T), visit('b', T + 20 * MINUTE, T + 20 * MINUTE, OTHER_VILLAGE));
    view.given(visit('c', T + DAY, T + DAY), visit('d', T + DAY + 40 * MINUTE, T + DAY + 40 * MINUTE, OTHER_VILLAGE));
    expect(flags('SIMULTANEOUS_VISITS')).toHaveLength(1);
    expect(flags('SIMULTANEOUS_VISITS')[0].flag_id).toContain('b');
  });

  it('given a county policy of 60 minutes, visits 40 minutes apart in two villages are simultaneous', () => {
    view.given(countyPolicy({ simultaneousMinutes: 60 }), visit('c', T, T), visit('d', T + 40 * MINUTE, T + 40 * MINUTE, OTHER_VILLAGE));
    expect(flags('SIMULTANEOUS_VISITS')).toHaveLength(1);
  });

  it('given a household registered with no cadre, a gap closed within a day is dropped, one of two days stays with its length', () => {
    const registered = (householdId: string) => ({
      type: 'HouseholdRegistered',
      data: {
        householdId,
        villageCode: VILLAGE,
        identifiedAt: iso(T),
        source: 'identification',
        members: [],
        category: '一般贫困户',
        causes: [],
      },
      occurredAt: iso(T),
    });
    const assigned = (householdId: string, at: number) => ({
      type: 'CadreAssigned',
      data: {
        householdId,
        villageCode: VILLAGE,
        cadreId: 'c1',
        from: iso(at),
        previousCadreId: null,
        reason: '结对',
        connectBy: iso(at + 15 * DAY),
      },
      occurredAt: iso(at),
    });
    view.given(registered(`${VILLAGE}0001`), assigned(`${VILLAGE}0001`, T + 20 * 3_600_000));
    view.given(registered(`${VILLAGE}0002`), assigned(`${VILLAGE}0002`, T + 2 * DAY));
    const gaps = view.rows<{ household_id: string; details: string }>(
      `SELECT household_id, details FROM flags WHERE type = 'ASSIGNMENT_GAP'`,
    );
    expect(gaps.map((g) => [g.household_id, JSON.parse(g.details).days])).toEqual([[`${VILLAGE}0002`, 2]]);
  });
});
