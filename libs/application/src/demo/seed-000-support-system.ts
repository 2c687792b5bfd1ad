import { nextPeriod, periodStart, type Actor } from '@bangfu/domain';
import { DAY, demoMonthBase, type DemoAction } from './demo-action';
import { DEMO_UNIT } from './seed-000-work';

const ANTU_ADMIN: Actor = { id: 'demo-antu-county', name: '安图县扶贫办 审定员', roles: ['county-admin'], regionCode: '222426' };

/** The quarter a Shanghai month falls in ('YYYY-Qn'). */
const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * 帮扶体系 (seed 001 五(一)): 安图县's 省直单位帮扶体系, led by 吉林省卫生健康委员会, holds its 联席会议 in the middle month
 * of every quarter from the one after the demo's first, with its decisions on the record.
 */
export function demoSupportSystem(firstMonth: string, end: number): DemoAction[] {
  const actions: DemoAction[] = [];
  const systemId = 'antu-shengzhi';
  // Registered once the demo's divisions and unit are, owing its meetings from the next quarter on.
  const firstQuarter = nextPeriod('quarterly', quarterOf(firstMonth));
  actions.push({
    at: demoMonthBase(firstMonth, 0) + DAY,
    actor: ANTU_ADMIN,
    key: 'support-system:register',
    command: {
      type: 'RegisterSupportSystem',
      data: {
        systemId,
        name: '安图县省直单位帮扶体系',
        regionCode: '222426',
        leadUnitId: DEMO_UNIT.unitId,
        memberUnitIds: [DEMO_UNIT.unitId],
        firstQuarter,
      },
    },
  });
  for (let quarter = firstQuarter; Date.parse(periodStart('quarterly', quarter)) < end; quarter = nextPeriod('quarterly', quarter)) {
    // The middle month of the quarter, its 15th (Shanghai).
    const middle = `${quarter.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 2).padStart(2, '0')}`;
    const heldOn = `${middle}-15`;
    actions.push({
      at: Date.parse(`${heldOn}T09:00:00+08:00`),
      actor: ANTU_ADMIN,
      key: `support-system:meeting:${quarter}`,
      command: {
        type: 'RecordJointMeeting',
        data: {
          systemId,
          meetingId: `${systemId}-${quarter}`,
          quarter,
          heldOn,
          attendance: [DEMO_UNIT.unitId],
          decisions: ['通报本季度包村包户工作', '研究解决帮扶项目资金缺口'],
        },
      },
    });
  }
  return actions.filter((action) => action.at < end);
}
