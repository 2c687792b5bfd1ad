import { EXCLUSION_REASONS, type Actor, type ExclusionReason } from '@bangfu/domain';
import type { StepAction } from '@bangfu/workflow';
import type { RoutedCommand } from '../commands/command-router';
import { DAY, type DemoAction } from './demo-action';
import { ANTU_COUNTY, CHECKLIST, DONGGUANG, SONGJIANG, WANGQING_COUNTY, teamMember } from './seed-000-exits';
import { DEMO_VILLAGES, type DemoHousehold } from './seed-000-work';

const NONE_PRESENT = Object.fromEntries(Object.keys(EXCLUSION_REASONS).map((key) => [key, false]));
const VOTE = { vote: { for: 18, against: 1, abstain: 1, minutes: '村民代表大会，应到22人，实到20人，评议同意纳入' } };

/** The reviewers of a village's cases: its work team's first secretary, its township and its county. */
function reviewersOf(village: number): { team: Actor; township: Actor; county: Actor } {
  const team = teamMember(DEMO_VILLAGES[village].team[0]);
  return village === 2 ? { team, township: DONGGUANG, county: WANGQING_COUNTY } : { team, township: SONGJIANG, county: ANTU_COUNTY };
}

function caseActions(keyPrefix: string, householdId: string) {
  const actions: DemoAction[] = [];
  const caseId = `${householdId}-1`;
  const act = (at: number, actor: Actor, step: string, action: StepAction, input: Record<string, unknown>, round = 1) =>
    actions.push({
      at,
      actor,
      key: `${keyPrefix}:${step}:${action}:${round}`,
      command: { type: 'ActOnStep', data: { instanceId: caseId, step, action, input } },
    });
  const start = (at: number, actor: Actor, definitionId: string, reason: string) =>
    actions.push({
      at,
      actor,
      key: `${keyPrefix}:start`,
      command: { type: 'StartWorkflow', data: { definitionId, subject: { kind: 'household', id: householdId }, reason } } as RoutedCommand,
    });
  return { actions, act, start };
}

/**
 * 精准识别 of 永兴村's 新识别 household: 入户走访 finds its house unsafe and no 九不纳入 fact, the 村民代表大会 agrees, and
 * during 公示 a villager objects that a member on the 户籍 was left out — the case goes back to the visit, which records
 * them, and passes the second time; 东光镇 reviews, 汪清县 decides at `decidedAt`, and the household is registered then.
 */
export function demoIdentification(household: DemoHousehold, village: number, decidedAt: number): DemoAction[] {
  const { team, township, county } = reviewersOf(village);
  const { actions, act, start } = caseActions('identification', household.householdId);
  const [head] = household.members;
  const identification = (members: DemoHousehold['members'], evidence: string) => ({
    identification: {
      checklist: { ...CHECKLIST, housing: { result: 'not_met', evidence } },
      exclusions: NONE_PRESENT,
      household: { members, category: household.category, causes: household.causes, phone: household.phone },
    },
  });
  const t = decidedAt - 40 * DAY;
  start(t, team, 'household-identification', '农户申请：房屋为土坯房，户主患病无劳动能力');
  act(t + 3 * DAY, team, 'visit', 'approve', identification([head], '土坯房，墙体开裂，鉴定为D级危房'));
  act(t + 6 * DAY, team, 'review', 'approve', VOTE);
  act(t + 10 * DAY, township, 'notice', 'object', {
    objection: { raisedBy: '村民（匿名）', content: '该户户籍上还有一人，入户走访未登记' },
  });
  act(t + 13 * DAY, team, 'visit', 'approve', identification(household.members, '复核：土坯房D级危房；户籍人口核实后补录'), 2);
  act(t + 16 * DAY, team, 'review', 'approve', VOTE, 2);
  act(t + 25 * DAY, team, 'notice', 'approve', { notice: { location: '永兴村村务公开栏', remarks: '二次公示期内无异议' } });
  act(t + 32 * DAY, township, 'township', 'approve', { review: { opinion: '经入户核查，符合识别标准，无九不纳入情形' } });
  act(decidedAt, county, 'county', 'approve', { review: { opinion: '同意纳入建档立卡' } });
  return actions;
}

/**
 * 剔除 of a 德化村 household found to own a car (九不纳入): 核实 with the fact, 公示, 松江镇's review, and 安图县's decision at
 * `decidedAt`, when the household leaves the register.
 */
export function demoRemoval(
  householdId: string,
  village: number,
  reason: ExclusionReason,
  detail: string,
  decidedAt: number,
): DemoAction[] {
  const { team, township, county } = reviewersOf(village);
  const { actions, act, start } = caseActions('removal', householdId);
  const t = decidedAt - 28 * DAY;
  start(t, team, 'household-removal', '群众反映该户购置小轿车');
  act(t + 2 * DAY, team, 'verification', 'approve', { removal: { reason, detail } });
  act(t + 11 * DAY, team, 'notice', 'approve', { notice: { location: `${DEMO_VILLAGES[village].name}村务公开栏` } });
  act(t + 18 * DAY, township, 'township', 'approve', { review: { opinion: '情况属实，同意剔除' } });
  act(decidedAt, county, 'county', 'approve', { review: { opinion: '同意剔除' } });
  return actions;
}
