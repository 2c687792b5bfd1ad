import type { Actor } from '@bangfu/domain';
import type { RoutedCommand } from '../commands/command-router';
import { DAY, HOUR, demoMonth, demoMonthBase, type DemoAction } from './demo-action';

const ANTU_ADMIN: Actor = { id: 'demo-antu-county', name: '安图县扶贫办 审定员', roles: ['county-admin'], regionCode: '222426' };
const SONGJIANG_CLERK: Actor = { id: 'demo-songjiang-town', name: '松江镇 审核员', roles: ['township-reviewer'], regionCode: '222426103' };

/** The 松江镇 self-check series, and which of its months the township let pass unreported. */
export const DEMO_SELF_CHECK = { seriesId: 'songjiang-zicha', firstMonthIndex: 2, missedMonthIndex: 5 };

/**
 * 自查自评 (seed 001 九(二)): 安图县 has 松江镇 self-check every month from the demo's third month, reported within ten
 * days; each month's task is issued by its timer, reported by the township and verified by the county — except the
 * sixth month's, which the township never reports, so it falls overdue on the board and the 红黑榜.
 */
export function demoSelfChecks(firstMonth: string, end: number): DemoAction[] {
  const actions: DemoAction[] = [];
  const base = (index: number) => demoMonthBase(firstMonth, index);
  const push = (at: number, actor: Actor, key: string, command: RoutedCommand) =>
    actions.push({ at, actor, command, key: `self-check:${key}` });
  const { seriesId, firstMonthIndex, missedMonthIndex } = DEMO_SELF_CHECK;
  push(base(1) + 20 * DAY, ANTU_ADMIN, 'define', {
    type: 'DefineRecurringTask',
    data: {
      seriesId,
      plan: '安图县脱贫攻坚工作自查自评办法',
      title: '松江镇脱贫攻坚月度自查自评',
      regionCode: '222426103',
      leadUnit: '松江镇人民政府',
      leadOfficial: null,
      cooperatingUnits: ['松江镇扶贫工作站'],
      recurrence: 'monthly',
      firstPeriod: demoMonth(firstMonth, firstMonthIndex),
      reportDays: 10,
      target: { quantity: 1, unit: '份自查报告' },
    },
  });
  for (let m = firstMonthIndex; base(m + 1) < end; m++) {
    if (m === missedMonthIndex) continue;
    const taskId = `${seriesId}-${demoMonth(firstMonth, m)}`;
    push(base(m + 1) + 5 * DAY + 2 * HOUR, SONGJIANG_CLERK, `submit:${taskId}`, {
      type: 'SubmitTaskCompletion',
      data: { taskId, note: '本月自查报告已报送，问题清单同步整改', evidence: ['自查报告', '问题整改台账'] },
    });
    push(base(m + 1) + 7 * DAY, ANTU_ADMIN, `verify:${taskId}`, {
      type: 'VerifyTaskCompletion',
      data: { taskId, approved: true, note: '核验通过' },
    });
  }
  return actions.filter((action) => action.at < end);
}
