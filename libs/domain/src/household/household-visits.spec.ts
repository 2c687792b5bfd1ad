import { HouseholdVisits, type RecordedVisit } from './household-visits';

const visit = (visitId: string, occurredAt: string, overrides: Partial<RecordedVisit> = {}): RecordedVisit => ({
  visitId,
  cadreId: 'c1',
  kind: '走访',
  occurredAt,
  byResponsibleCadre: true,
  ...overrides,
});

const ms = (instant: string) => Date.parse(instant);

describe('a household’s visits', () => {
  it('gives back each visit as recorded, its instant as written (+08:00 kept) and its Shanghai month', () => {
    // given
    const visits = HouseholdVisits.none
      .with(visit('v1', '2025-04-30T17:00:00.000Z'))
      .with(visit('v2', '2025-05-03T09:30:00+08:00', { cadreId: 'c9', kind: '对接', byResponsibleCadre: false }));
    // then
    expect([...visits.values()]).toEqual([
      {
        visitId: 'v1',
        cadreId: 'c1',
        kind: '走访',
        occurredAt: '2025-04-30T17:00:00.000Z',
        month: '2025-05',
        byResponsibleCadre: true,
        retracted: false,
      },
      {
        visitId: 'v2',
        cadreId: 'c9',
        kind: '对接',
        occurredAt: '2025-05-03T09:30:00+08:00',
        month: '2025-05',
        byResponsibleCadre: false,
        retracted: false,
      },
    ]);
    expect([visits.size, visits.has('v2'), visits.has('v3')]).toEqual([2, true, false]);
  });

  it('leaves every earlier state as it was when a later one records or retracts', () => {
    // given
    const one = HouseholdVisits.none.with(visit('v1', '2025-04-03T02:00:00.000Z'));
    // when
    const two = one.with(visit('v2', '2025-04-04T02:00:00.000Z'));
    const retracted = two.retract('v1');
    // then
    expect([one.size, one.has('v2'), two.get('v1')?.retracted, retracted.get('v1')?.retracted]).toEqual([1, false, false, true]);
  });

  it('keeps two states folded from the same one apart (the second appends to a copy)', () => {
    // given
    const base = HouseholdVisits.none.with(visit('v1', '2025-04-03T02:00:00.000Z'));
    // when
    const first = base.with(visit('a', '2025-04-05T02:00:00.000Z'));
    const second = base.with(visit('b', '2025-04-06T02:00:00.000Z', { cadreId: 'c2' }));
    // then
    expect([...first.values()].map((v) => v.visitId)).toEqual(['v1', 'a']);
    expect([...second.values()].map((v) => `${v.visitId}:${v.cadreId}`)).toEqual(['v1:c1', 'b:c2']);
    expect([first.has('b'), second.has('a'), base.size]).toEqual([false, false, 1]);
  });

  it('counts and finds only standing visits by the cadre responsible, within the bounds asked', () => {
    // given
    const visits = HouseholdVisits.none
      .with(visit('april', '2025-04-10T02:00:00.000Z'))
      .with(visit('may', '2025-05-10T02:00:00.000Z'))
      .with(visit('other', '2025-05-11T02:00:00.000Z', { cadreId: 'c9', byResponsibleCadre: false }))
      .with(visit('wrong', '2025-05-12T02:00:00.000Z'))
      .retract('wrong');
    const may = [ms('2025-04-30T16:00:00.000Z'), ms('2025-05-31T16:00:00.000Z')] as const;
    // then
    expect(visits.countByResponsible(...may)).toBe(1);
    expect(visits.anyByResponsible(ms('2025-05-11T00:00:00.000Z'), ms('2025-05-31T00:00:00.000Z'))).toBe(false);
    expect(visits.anyByResponsible(ms('2025-05-10T02:00:00.000Z'), ms('2025-05-10T02:00:00.000Z'))).toBe(true);
    expect(visits.lastByResponsible(ms('2025-06-01T00:00:00.000Z'))).toBe('2025-05-10T02:00:00.000Z');
    expect(visits.lastByResponsible(ms('2025-05-01T00:00:00.000Z'))).toBe('2025-04-10T02:00:00.000Z');
    expect(visits.lastByResponsible(ms('2025-01-01T00:00:00.000Z'))).toBeNull();
  });

  it('finds a 对接 visit only by the cadre named, of that kind, standing and in time', () => {
    // given
    const visits = HouseholdVisits.none
      .with(visit('walk', '2025-04-02T02:00:00.000Z', { cadreId: 'c2' }))
      .with(visit('handover', '2025-04-03T02:00:00.000Z', { cadreId: 'c2', kind: '对接', byResponsibleCadre: false }))
      .with(visit('retracted', '2025-04-04T02:00:00.000Z', { cadreId: 'c3', kind: '对接' }))
      .retract('retracted');
    const april = [ms('2025-04-01T00:00:00.000Z'), ms('2025-04-30T00:00:00.000Z')] as const;
    // then
    expect(visits.connected('c2', ...april)).toBe(true);
    expect(visits.connected('c2', ms('2025-04-03T03:00:00.000Z'), april[1])).toBe(false);
    expect(visits.connected('c3', ...april)).toBe(false);
    expect(visits.connected('c1', ...april)).toBe(false);
  });

  it('starts every household from the same empty state without one seeing another’s visits', () => {
    // when
    const first = HouseholdVisits.none.with(visit('a', '2025-04-05T02:00:00.000Z'));
    const second = HouseholdVisits.none.with(visit('b', '2025-04-06T02:00:00.000Z'));
    // then
    expect([HouseholdVisits.none.size, first.has('b'), second.has('a'), second.size]).toEqual([0, false, false, 1]);
  });

  it('survives being frozen, as the state cache freezes every kept state', () => {
    // given
    const kept = Object.freeze(HouseholdVisits.none.with(visit('v1', '2025-04-03T02:00:00.000Z')));
    // when
    const next = kept.with(visit('v2', '2025-04-04T02:00:00.000Z'));
    // then
    expect(next.size).toBe(2);
  });
});
