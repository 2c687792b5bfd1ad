import { monthEnd, type Actor } from '@bangfu/domain';
import { DAY, demoMonth, demoMonthBase, type DemoAction } from './demo-action';
import { SEED_000_ITEMS, SEED_000_PLAN, SEED_002_ITEMS, SEED_002_PLAN, SEED_004_ITEMS, SEED_004_PLAN, type PlanItem } from './seed-plans';
import type { RoutedCommand } from '../commands/command-router';

const CHENDUO_ADMIN: Actor = {
  id: 'demo-chenduo-admin',
  name: '称多县扶贫开发局 演示管理员',
  roles: ['county-admin'],
  regionCode: '632723',
};
const SJS_COORDINATOR: Actor = {
  id: 'demo-sjs-coordinator',
  name: '石景山区扶贫协作 联络员',
  roles: ['county-admin'],
  regionCode: '632723',
};
const CHENDUO_LEADER: Actor = { id: 'demo-chenduo-leader', name: '称多县 分管领导', roles: ['leader'], regionCode: '632723' };
const QIANJIANG_ADMIN: Actor = {
  id: 'demo-qianjiang-admin',
  name: '黔江区扶贫办 演示管理员',
  roles: ['county-admin'],
  regionCode: '500114',
};
const QIANJIANG_TOWN: Actor = { id: 'demo-qianjiang-town', name: '黔江区 乡镇联络员', roles: ['township-reviewer'], regionCode: '500114' };
const JILIN_ADMIN: Actor = { id: 'demo-jilin-admin', name: '吉林省卫生健康委 演示管理员', roles: ['county-admin'], regionCode: '220000' };
const PANDAO_TEAM: Actor = { id: 'jl-wjw-16', name: '刘宇赤', roles: ['work-team'], regionCode: '220000' };
const QIANJIANG_LEADER: Actor = { id: 'demo-qianjiang-leader', name: '黔江区 督办领导', roles: ['leader'], regionCode: '500114' };

/**
 * The two plans issued as tasks at the start of the demo year, with deadlines in it, and worked on: most of
 * 称多县's items completed on time, 产业带动 late, 就业技能培训 rejected once, three still overdue; 黔江区's table
 * part done, part overdue — so the task board and the 红黑榜 have both lists.
 */
export function demoTasks(firstMonth: string, end: number): DemoAction[] {
  const base = (index: number) => demoMonthBase(firstMonth, index);
  const actions: DemoAction[] = [];
  const push = (at: number, actor: Actor, key: string, command: RoutedCommand) => actions.push({ at, actor, command, key: `task:${key}` });
  const issue = (prefix: string, plan: string, regionCode: string, item: PlanItem, deadlineMonth: number, actor: Actor) => {
    const taskId = `${prefix}-${item.item}`;
    push(base(1) + Number(item.item) * 60_000, actor, `issue:${taskId}`, {
      type: 'IssueTask',
      data: {
        taskId,
        plan,
        item: item.item,
        title: item.title,
        regionCode,
        leadOfficial: item.leadOfficial,
        leadUnit: item.leadUnit,
        cooperatingUnits: item.cooperatingUnits,
        target: { quantity: item.quantity, unit: item.unit },
        amountFen: item.amountYuan === null ? null : item.amountYuan * 100,
        deadline: monthEnd(demoMonth(firstMonth, deadlineMonth)),
        timing: item.timing,
      },
    });
    return taskId;
  };
  const work = (
    taskId: string,
    quantity: number,
    reporter: Actor,
    verifier: Actor,
    submitAt: number,
    options: { reject?: boolean } = {},
  ) => {
    push(submitAt - 30 * DAY, reporter, `progress:${taskId}`, {
      type: 'ReportTaskProgress',
      data: { taskId, completed: Math.max(0, quantity - 1), note: '按计划推进', evidence: ['进度台账'] },
    });
    push(submitAt, reporter, `submit:${taskId}`, {
      type: 'SubmitTaskCompletion',
      data: { taskId, note: '已完成', evidence: ['项目验收材料'] },
    });
    if (options.reject) {
      push(submitAt + 3 * DAY, verifier, `reject:${taskId}`, {
        type: 'VerifyTaskCompletion',
        data: { taskId, approved: false, note: '培训人数佐证不足，退回补充' },
      });
      push(submitAt + 10 * DAY, reporter, `resubmit:${taskId}`, {
        type: 'SubmitTaskCompletion',
        data: { taskId, note: '已补充签到表', evidence: ['培训签到表'] },
      });
      push(submitAt + 13 * DAY, verifier, `verify:${taskId}`, {
        type: 'VerifyTaskCompletion',
        data: { taskId, approved: true, note: '核验通过' },
      });
    } else {
      push(submitAt + 5 * DAY, verifier, `verify:${taskId}`, {
        type: 'VerifyTaskCompletion',
        data: { taskId, approved: true, note: '核验通过' },
      });
    }
  };

  for (const item of SEED_004_ITEMS) {
    const taskId = issue('sjs-cd', SEED_004_PLAN, '632723', item, 9, CHENDUO_ADMIN);
    const n = Number(item.item);
    if (n >= 18) continue; // 精准就业、结对帮扶、慈善捐助: not done by the deadline
    if (n === 13) work(taskId, item.quantity, SJS_COORDINATOR, CHENDUO_LEADER, base(10) + 12 * DAY);
    else if (n === 17) work(taskId, item.quantity, SJS_COORDINATOR, CHENDUO_LEADER, base(7) + 5 * DAY, { reject: true });
    else work(taskId, item.quantity, SJS_COORDINATOR, CHENDUO_LEADER, base(4 + (n % 5)) + n * DAY);
  }
  for (const item of SEED_002_ITEMS) {
    const n = Number(item.item);
    const taskId = issue('qj-5', SEED_002_PLAN, '500114', item, n === 1 ? 3 : 10, QIANJIANG_ADMIN);
    if (n <= 4) work(taskId, 1, QIANJIANG_TOWN, QIANJIANG_LEADER, base(n === 1 ? 2 : 8) + n * DAY);
  }
  // Seed 000's village works: the lamps done on time, the flood ditch overdue, the road ditches under way.
  const [lamps, ditch, roads] = SEED_000_ITEMS.map((item) =>
    issue('jl-2019', SEED_000_PLAN, item.regionCode, item, item.item === '2' ? 7 : 12, JILIN_ADMIN),
  );
  work(lamps, 160, PANDAO_TEAM, JILIN_ADMIN, base(6) + 10 * DAY);
  push(base(5), PANDAO_TEAM, `progress-only:${ditch}`, {
    type: 'ReportTaskProgress',
    data: { taskId: ditch, completed: 300, note: '停工待料', evidence: ['施工日志'] },
  });
  push(base(8), PANDAO_TEAM, `progress-only:${roads}`, {
    type: 'ReportTaskProgress',
    data: { taskId: roads, completed: 2600, note: '已完成过半', evidence: ['施工日志'] },
  });
  return actions.filter((action) => action.at < end);
}
