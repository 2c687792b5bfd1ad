import type { Actor } from '@bangfu/domain';
import { DAY, HOUR, demoMonth, demoMonthBase, type DemoAction } from './demo-action';
import { DEMO_CADRES, DEMO_VILLAGES } from './seed-000-work';

/** The month (index) whose report 盘道村's work team let pass (WORK_TEAM_REPORT_MISSED). */
export const DEMO_MISSED_TEAM_REPORT = { village: 1, month: 7 };

/**
 * 驻村定期报告 in the seed 000 villages: each work team's first secretary reports on every month two days into the
 * next — within the policy's five days — but 盘道村's team lets the eighth month's pass, which is flagged and
 * escalated to 松江镇.
 */
export function demoTeamReports(firstMonth: string, end: number): DemoAction[] {
  const actions: DemoAction[] = [];
  for (let m = 0; demoMonthBase(firstMonth, m + 1) < end; m++) {
    const month = demoMonth(firstMonth, m);
    for (const [v, village] of DEMO_VILLAGES.entries()) {
      if (v === DEMO_MISSED_TEAM_REPORT.village && m === DEMO_MISSED_TEAM_REPORT.month) continue;
      const secretary = DEMO_CADRES[village.team[0]];
      const actor: Actor = { id: secretary.cadreId, name: secretary.name, roles: ['work-team'], regionCode: '220000' };
      actions.push({
        at: demoMonthBase(firstMonth, m + 1) + DAY + (3 + v) * HOUR,
        actor,
        key: `team-report:${village.code}:${month}`,
        command: {
          type: 'FileWorkTeamReport',
          data: {
            villageCode: village.code,
            month,
            reportId: `demo-report-${village.code}-${month}`,
            summary: `${village.name}驻村工作队${month.slice(0, 4)}年${Number(month.slice(5, 7))}月工作：走访全村贫困户，落实帮扶措施，召开村两委会议`,
            problems: m % 3 === 0 ? ['部分农户饮水不稳定'] : [],
            nextSteps: ['继续落实一户一策帮扶措施'],
          },
        },
      });
    }
  }
  return actions.filter((action) => action.at < end);
}
