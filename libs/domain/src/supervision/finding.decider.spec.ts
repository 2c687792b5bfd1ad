import type { Actor } from '../shared/actor';
import { specFor } from '@bangfu/testing';
import type { Decision } from '../shared/decider';
import { findingDecider, type FindingCommand, type FindingEvent, type FindingFacts } from './finding.decider';

const F = 'f-1';
/** A finding command as the decider receives it. */
type Decided = Decision<FindingCommand, FindingFacts>;
const recorded: FindingEvent = {
  type: 'FindingRecorded',
  data: {
    findingId: F,
    inspectionId: 'insp-1',
    regionCode: '222426103201',
    target: { kind: 'household', id: '2224261032010001' },
    type: '走访不实',
    severity: '较重',
    description: '走访记录与实际不符',
    evidence: ['入户核实笔录'],
    eventIds: ['e1'],
  },
};
const inspector: Actor = { id: 'insp', roles: ['inspector'] };
const cadre: Actor = { id: 'c1', roles: ['cadre'] };
const now = new Date('2026-03-01T00:00:00.000Z');
const order: Decided = {
  type: 'OrderRectification',
  data: { findingId: F, deadline: '2026-03-15T00:00:00.000Z', requirement: '补齐走访', responsible: 'c1' },
};
const run = (steps: [Decided, Actor, Date][]) => {
  const history: FindingEvent[] = [recorded];
  for (const [command, actor, at] of steps) {
    history.push(
      ...findingDecider.decide(command, history.reduce(findingDecider.evolve, findingDecider.initialState()), { actor, now: at }),
    );
  }
  return history;
};
const spec = specFor(findingDecider);

describe('finding and rectification (整改)', () => {
  it('orders with a future deadline, by an inspector or an office', () => {
    spec.given([recorded]).when(order, { actor: cadre, now }).then({ code: 'RECTIFICATION_ROLE_NOT_ALLOWED' });
    spec
      .given([recorded])
      .when({ ...order, data: { ...order.data, deadline: '2026-02-01T00:00:00.000Z' } } as Decided, { actor: inspector, now })
      .then({ code: 'DEADLINE_IN_PAST' });
    expect(run([[order, inspector, now]]).at(-1)).toMatchObject({
      type: 'RectificationOrdered',
      data: { round: 1, escalateAt: '2026-03-22T00:00:00.000Z' },
    });
  });

  it('closes (销号) when someone other than the reporter verifies it, and reopens when it fails', () => {
    const reported = run([
      [order, inspector, now],
      [
        { type: 'ReportRectification', data: { findingId: F, measures: '已补录走访', evidence: ['照片'] } },
        cadre,
        new Date('2026-03-10T00:00:00.000Z'),
      ],
    ]);
    const verify = (passed: boolean): Decided => ({ type: 'VerifyRectification', data: { findingId: F, passed, note: '复核' } });
    spec
      .given(reported)
      .when(verify(true), { actor: { ...cadre, roles: ['county-admin'] }, now })
      .then({ code: 'VERIFIER_IS_REPORTER' });
    expect(
      findingDecider
        .decide(verify(true), reported.reduce(findingDecider.evolve, findingDecider.initialState()), { actor: inspector, now })
        .map((e) => e.type),
    ).toEqual(['RectificationVerified', 'FindingClosed']);
    const reopened = run([
      [order, inspector, now],
      [{ type: 'ReportRectification', data: { findingId: F, measures: 'x', evidence: [] } }, cadre, now],
      [verify(false), inspector, now],
    ]);
    expect(reopened.at(-1)?.type).toBe('RectificationReopened');
    // A reopened finding takes a new order, round 2.
    expect(
      run([
        [order, inspector, now],
        [{ type: 'ReportRectification', data: { findingId: F, measures: 'x', evidence: [] } }, cadre, now],
        [verify(false), inspector, now],
        [order, inspector, now],
      ]).at(-1),
    ).toMatchObject({ data: { round: 2 } });
  });

  it('marks a missed deadline and escalates only the round still open', () => {
    const ordered = run([[order, inspector, now]]);
    spec
      .given(ordered)
      .when({ type: 'MarkRectificationOverdue', data: { findingId: F, round: 1 } }, { now })
      .then([{ type: 'RectificationOverdue', data: { findingId: F, round: 1, deadline: '2026-03-15T00:00:00.000Z' } }]);
    const reported = run([
      [order, inspector, now],
      [{ type: 'ReportRectification', data: { findingId: F, measures: 'x', evidence: [] } }, cadre, now],
    ]);
    spec
      .given(reported)
      .when({ type: 'EscalateRectification', data: { findingId: F, round: 1 } }, { now })
      .then([]);
  });
});
