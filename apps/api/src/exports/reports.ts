import { FLAG_STATUS_NAMES, FLAG_TYPE_NAMES, RECIPIENT_KIND_NAMES, TASK_STATUS_NAMES, shanghaiDate } from '@bangfu/domain';
import type { flagView } from '../flags/all-flags';
import type { GetFundTraceHandler } from '../funds/fund.queries';
import type { GetRankingsHandler, ListTasksHandler } from '../tasks/task.queries';
import type { ListOverdueVisitsHandler } from '../visits/visit.queries';
import type { Column } from './workbook';

// Each table's rows are the answers of its JSON twin's query, typed from the handler that answers it.
export type Answer<H extends { execute(...args: never[]): Promise<unknown> }> = Awaited<ReturnType<H['execute']>>;
export type TaskLine = Answer<ListTasksHandler>['tasks'][number];
export type RankingLine = Answer<GetRankingsHandler>['rankings'][number];
export type OverdueLine = Answer<ListOverdueVisitsHandler>['overdue'][number];
export type FlagLine = ReturnType<typeof flagView>;
export type DisbursementLine = Answer<GetFundTraceHandler>['disbursements'][number];

// The columns of each table a leader or office hands on, in the order the console's page shows them.

const day = (instant: string | null | undefined) => (instant ? shanghaiDate(instant) : '');
const yesNo = (value: boolean | null | undefined) => (value === null || value === undefined ? '' : value ? '是' : '否');

export const TASK_COLUMNS: readonly Column<TaskLine>[] = [
  { header: '任务编号', value: (t) => t.taskId, width: 16 },
  { header: '工作计划', value: (t) => t.plan, width: 40 },
  { header: '序号', value: (t) => t.item, width: 6 },
  { header: '任务', value: (t) => t.title, width: 40 },
  { header: '区划代码', value: (t) => t.regionCode, width: 14 },
  { header: '牵头单位', value: (t) => t.leadUnit, width: 24 },
  { header: '牵头领导', value: (t) => t.leadOfficial ?? '' },
  { header: '目标', value: (t) => `${t.target.quantity}${t.target.unit}` },
  { header: '已完成', value: (t) => t.completed },
  { header: '完成时限', value: (t) => day(t.deadline) },
  { header: '状态', value: (t) => TASK_STATUS_NAMES[t.status] ?? t.status },
  { header: '逾期', value: (t) => yesNo(t.overdue) },
  { header: '按期完成', value: (t) => yesNo(t.onTime) },
  { header: '退回次数', value: (t) => t.rejections },
  { header: '核验完成日期', value: (t) => day(t.completedAt) },
];

export const RANKING_COLUMNS: readonly Column<RankingLine>[] = [
  { header: '名次', value: (r) => r.rank ?? '未排名', width: 8 },
  { header: '名称', value: (r) => r.name, width: 28 },
  { header: '得分', value: (r) => r.score },
  { header: '榜单', value: (r) => r.list ?? '' },
  { header: '任务数', value: (r) => r.inputs.tasks },
  { header: '应完成', value: (r) => r.inputs.due },
  { header: '按期完成', value: (r) => r.inputs.completedOnTime },
  { header: '逾期完成', value: (r) => r.inputs.completedLate },
  { header: '逾期未完成', value: (r) => r.inputs.overdue },
  { header: '退回次数', value: (r) => r.inputs.rejections },
  { header: '未整改问题', value: (r) => r.inputs.openFindings },
  { header: '未召开联席会议', value: (r) => r.inputs.meetingsMissed },
];

export const OVERDUE_COLUMNS: readonly Column<OverdueLine>[] = [
  { header: '户编号', value: (o) => o.householdId, width: 20 },
  { header: '户主', value: (o) => o.headName },
  { header: '村', value: (o) => o.villageCode, width: 14 },
  { header: '月份', value: (o) => o.month },
  { header: '帮扶责任人', value: (o) => o.cadreName ?? '' },
  { header: '应走访次数', value: (o) => o.required },
  { header: '实走访次数', value: (o) => o.made },
  { header: '提醒日期', value: (o) => day(o.remindedAt) },
  { header: '上报日期', value: (o) => day(o.escalatedAt) },
  { header: '补访日期', value: (o) => day(o.caughtUpAt) },
];

export const FLAG_COLUMNS: readonly Column<FlagLine>[] = [
  { header: '类型', value: (f) => FLAG_TYPE_NAMES[f.type] ?? f.type, width: 18 },
  { header: '状态', value: (f) => FLAG_STATUS_NAMES[f.status] ?? f.status },
  { header: '村', value: (f) => f.villageCode, width: 14 },
  { header: '户编号', value: (f) => f.householdId ?? '', width: 20 },
  { header: '帮扶责任人', value: (f) => f.cadreName ?? f.cadreId ?? '' },
  { header: '发生日期', value: (f) => day(f.occurredAt) },
  { header: '发现日期', value: (f) => day(f.raisedAt) },
  { header: '依据记录', value: (f) => f.eventIds.join('，'), width: 40 },
  { header: '线索编号', value: (f) => f.flagId, width: 48 },
];

export const DISBURSEMENT_COLUMNS: readonly Column<DisbursementLine>[] = [
  { header: '拨付编号', value: (d) => d.disbursementId, width: 20 },
  { header: '对象类别', value: (d) => RECIPIENT_KIND_NAMES[d.recipient.kind] ?? d.recipient.kind },
  { header: '对象', value: (d) => d.recipient.id, width: 24 },
  { header: '金额（元）', value: (d) => d.amountFen, yuan: true, width: 16 },
  { header: '凭证号', value: (d) => d.voucherNumber, width: 20 },
  { header: '拨付日期', value: (d) => day(d.disbursedAt) },
  { header: '确认到账', value: (d) => (d.receipt ? `${day(d.receipt.confirmedAt)} ${d.receipt.confirmedBy}` : '未确认'), width: 28 },
  { header: '追回（元）', value: (d) => d.recoveredFen, yuan: true },
  { header: '记录编号', value: (d) => d.eventId, width: 38 },
];
