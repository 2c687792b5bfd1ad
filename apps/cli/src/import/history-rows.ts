import { CHECK_RESULTS, VISIT_CHECKS, VISIT_KINDS, type CheckResult, type Findings, type VisitCheck, type VisitKind } from '@bangfu/domain';
import { cellReader, parseBusinessTime, type ColumnIndex, type RowError } from './row-import';

/** The columns of a 包保 (assignment) history, as the README documents them. */
export const ASSIGNMENT_COLUMNS = { householdId: '户编号', cadreId: '帮扶责任人', from: '开始时间', reason: '调整原因' } as const;
export const ASSIGNMENT_REQUIRED = ['householdId', 'cadreId', 'from'] as const;
type AssignmentKey = keyof typeof ASSIGNMENT_COLUMNS;

/** The columns of a 走访 (visit) history. Each 两不愁三保障 check is 达标, 未达标 or 不适用. */
export const VISIT_COLUMNS = {
  householdId: '户编号',
  cadreId: '走访人',
  occurredAt: '走访时间',
  kind: '走访类型',
  ...VISIT_CHECKS,
  measures: '帮扶措施',
  notes: '备注',
} as const;
export const VISIT_REQUIRED = ['householdId', 'cadreId', 'occurredAt', ...(Object.keys(VISIT_CHECKS) as VisitCheck[])] as const;
type VisitKey = keyof typeof VISIT_COLUMNS;

export interface AssignmentRow {
  row: number;
  householdId: string;
  cadreId: string;
  from: string;
  reason: string;
}

export interface VisitRow {
  row: number;
  householdId: string;
  cadreId: string;
  occurredAt: string;
  kind: VisitKind;
  findings: Findings;
  measures: string[];
  notes: string;
}

const CADRE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const RESULTS: Readonly<Record<string, CheckResult>> = { 达标: 'met', 未达标: 'not_met', 不适用: 'not_applicable' };

function rowParser<K extends string>(row: number, fields: string[], columns: ColumnIndex<K>, names: Record<K, string>) {
  const cell = cellReader(fields, columns);
  const fail = (key: K, reason: string): RowError => ({ row, column: names[key], reason });
  return { cell, fail };
}

/** The 户编号 and the cadre's id every history row names, or which of them is wrong and why. */
function whoOf(
  householdId: string,
  cadreId: string,
): { householdId: string; cadreId: string } | { key: 'householdId' | 'cadreId'; reason: string } {
  if (!/^\d{16}$/.test(householdId)) return { key: 'householdId', reason: `「${householdId}」不是 16 位户编号` };
  if (!CADRE_ID.test(cadreId)) return { key: 'cadreId', reason: `「${cadreId}」不是帮扶责任人编号（1–64 位字母、数字或 _ . : -）` };
  return { householdId, cadreId };
}

/** One CSV record as an assignment (结对), or the first thing wrong with it, named by row and column. */
export function parseAssignmentRow(row: number, fields: string[], columns: ColumnIndex<AssignmentKey>): AssignmentRow | RowError {
  const { cell, fail } = rowParser(row, fields, columns, ASSIGNMENT_COLUMNS);
  for (const key of ASSIGNMENT_REQUIRED) if (!cell(key)) return fail(key, '为空');
  const who = whoOf(cell('householdId'), cell('cadreId'));
  if ('reason' in who) return fail(who.key, who.reason);
  const from = parseBusinessTime(cell('from'));
  if (!from) return fail('from', `「${cell('from')}」不是日期（YYYY-MM-DD）或时间（YYYY-MM-DD HH:mm）`);
  const reason = cell('reason') || '历史包保数据导入';
  if (reason.length > 500) return fail('reason', '超过 500 字');
  return { row, ...who, from, reason };
}

/** One CSV record as a visit (走访), or the first thing wrong with it, named by row and column. */
export function parseVisitRow(row: number, fields: string[], columns: ColumnIndex<VisitKey>): VisitRow | RowError {
  const { cell, fail } = rowParser(row, fields, columns, VISIT_COLUMNS);
  for (const key of VISIT_REQUIRED) if (!cell(key)) return fail(key, '为空');
  const who = whoOf(cell('householdId'), cell('cadreId'));
  if ('reason' in who) return fail(who.key, who.reason);
  const occurredAt = parseBusinessTime(cell('occurredAt'));
  if (!occurredAt) return fail('occurredAt', `「${cell('occurredAt')}」不是时间（YYYY-MM-DD HH:mm）或日期`);
  const kind = cell('kind') || '走访';
  if (!(VISIT_KINDS as readonly string[]).includes(kind)) return fail('kind', `须为 ${VISIT_KINDS.join('、')} 之一`);
  const findings = {} as Findings;
  for (const check of Object.keys(VISIT_CHECKS) as VisitCheck[]) {
    const value = cell(check);
    const result = RESULTS[value] ?? ((CHECK_RESULTS as readonly string[]).includes(value) ? (value as CheckResult) : undefined);
    if (!result) return fail(check, `「${value}」须为 达标、未达标 或 不适用`);
    findings[check] = { result };
  }
  const measures = cell('measures')
    .split(/[、;；]/)
    .map((m) => m.trim())
    .filter(Boolean);
  if (measures.length > 20 || measures.some((m) => m.length > 200)) return fail('measures', '最多 20 项，每项不超过 200 字');
  const notes = cell('notes');
  if (notes.length > 2000) return fail('notes', '超过 2000 字');
  return { row, ...who, occurredAt, kind: kind as VisitKind, findings, measures, notes };
}
