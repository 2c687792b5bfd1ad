import { eventIdsFor } from '@bangfu/eventstore';
import type { Actor } from '@bangfu/domain';
import { DAY, demoMonth, demoMonthBase, type DemoAction } from './demo-action';
import type { RoutedCommand } from '../commands/command-router';

const INSPECTOR: Actor = { id: 'demo-antu-inspector', name: '安图县督查组 组长', roles: ['inspector'], regionCode: '222426' };
const DISCIPLINE: Actor = { id: 'demo-antu-jw', name: '安图县纪委 审查员', roles: ['discipline'], regionCode: '222426' };
const CADRE: Actor = { id: 'jl-wjw-08', name: '左保岭', roles: ['cadre'], regionCode: '220000' };

/** The demo's visits carry idempotency keys, so the planted backfilled visit's event id is known in advance. */
export function demoBackfilledVisitId(firstMonth: string): string {
  return eventIdsFor(1, `demo:visit:2224261032020002-${demoMonth(firstMonth, 4)}`)[0];
}

/**
 * 督查 in the demo: a seeded random draw of 安图县 households in month 9; a finding on the planted backfilled
 * visit of 盘道村 0002 (citing that visit's event), rectified and closed (销号); and a finding on 德化村's missed
 * month, ordered with a deadline that passed — overdue and escalated as the demo ends; and a 问责 case on the
 * backfilled visit with a 谈话提醒.
 */
export function demoSupervision(firstMonth: string, end: number): DemoAction[] {
  const base = (index: number) => demoMonthBase(firstMonth, index);
  const actions: DemoAction[] = [];
  const push = (at: number, actor: Actor, key: string, command: RoutedCommand) =>
    actions.push({ at, actor, command, key: `supervision:${key}` });
  const t = base(9);
  push(t, INSPECTOR, 'draw', {
    type: 'DrawSample',
    data: {
      inspectionId: 'demo-antu-q3',
      regionCode: '222426',
      kind: 'household',
      size: 8,
      seed: 'demo-antu-2026-q3',
      purpose: '季度随机抽查',
      team: '安图县督查组',
    },
  });
  const backfilledVisit = demoBackfilledVisitId(firstMonth);
  push(t + 2 * DAY, INSPECTOR, 'finding-backfill', {
    type: 'RecordFinding',
    data: {
      findingId: 'demo-fd-001',
      inspectionId: 'demo-antu-q3',
      target: { kind: 'household', id: '2224261032020002' },
      type: '走访补录',
      severity: '一般',
      description: '该户一次走访在发生15天后才补录，走访记录不及时',
      evidence: ['系统补录记录', '入户核实笔录'],
      eventIds: [backfilledVisit],
    },
  });
  push(t + 3 * DAY, INSPECTOR, 'order-backfill', {
    type: 'OrderRectification',
    data: {
      findingId: 'demo-fd-001',
      deadline: new Date(t + 20 * DAY).toISOString(),
      requirement: '说明补录原因，此后走访当日录入',
      responsible: 'jl-wjw-08',
    },
  });
  push(t + 9 * DAY, CADRE, 'report-backfill', {
    type: 'ReportRectification',
    data: { findingId: 'demo-fd-001', measures: '已书面说明原因；此后走访均当日录入', evidence: ['情况说明', '近两月走访记录'] },
  });
  push(t + 12 * DAY, INSPECTOR, 'verify-backfill', {
    type: 'VerifyRectification',
    data: { findingId: 'demo-fd-001', passed: true, note: '整改到位，予以销号' },
  });
  // 问责: the backfilled visit grounds a case; its parties (the cadre, the unit, its lead official) come from the record.
  push(t + 14 * DAY, DISCIPLINE, 'case', {
    type: 'OpenCase',
    data: {
      caseId: 'demo-case-001',
      against: { kind: 'person', id: 'jl-wjw-08' },
      summary: '走访记录补录、不及时',
      groundEventIds: [backfilledVisit],
    },
  });
  push(t + 20 * DAY, DISCIPLINE, 'case-decision', {
    type: 'RecordCaseDecision',
    data: { caseId: 'demo-case-001', partyId: 'jl-wjw-08', decision: '谈话提醒', reason: '走访记录不及时，已整改' },
  });
  const late = end - 20 * DAY;
  push(late, INSPECTOR, 'finding-missed', {
    type: 'RecordFinding',
    data: {
      findingId: 'demo-fd-002',
      inspectionId: 'demo-antu-q3',
      target: { kind: 'village', id: '222426103201' },
      type: '走访不到位',
      severity: '较重',
      description: '德化村存在当月未走访的贫困户，工作队未及时督促',
      evidence: ['月度走访核查结果'],
      eventIds: [],
    },
  });
  push(late + DAY, INSPECTOR, 'order-missed', {
    type: 'OrderRectification',
    data: {
      findingId: 'demo-fd-002',
      deadline: new Date(late + 10 * DAY).toISOString(),
      requirement: '逐户补走访并建立提醒机制',
      responsible: 'jl-wjw-13',
    },
  });
  return actions;
}
