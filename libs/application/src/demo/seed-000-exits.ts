import { NATIONAL_ASSESSMENT_THRESHOLDS, type Actor } from '@bangfu/domain';
import { DAY, HOUR, demoMonthBase, type DemoAction } from './demo-action';
import { DEMO_CADRES, DEMO_VILLAGES, type DemoHousehold } from './seed-000-work';
import type { StepAction } from '@bangfu/workflow';
import type { RoutedCommand } from '../commands/command-router';

/** 安图县 and 汪清县 offices, and the 松江镇 and 东光镇 reviewers, who act at the exit's review steps. */
export const ANTU_COUNTY: Actor = { id: 'demo-antu-county', name: '安图县扶贫办 审定员', roles: ['county-admin'], regionCode: '222426' };
export const WANGQING_COUNTY: Actor = {
  id: 'demo-wangqing-county',
  name: '汪清县扶贫办 审定员',
  roles: ['county-admin'],
  regionCode: '222424',
};
export const SONGJIANG: Actor = { id: 'demo-songjiang-town', name: '松江镇 审核员', roles: ['township-reviewer'], regionCode: '222426103' };
export const DONGGUANG: Actor = { id: 'demo-dongguang-town', name: '东光镇 审核员', roles: ['township-reviewer'], regionCode: '222424104' };
export const teamMember = (index: number): Actor => ({
  id: DEMO_CADRES[index].cadreId,
  name: DEMO_CADRES[index].name,
  roles: ['work-team'],
  regionCode: '220000',
});

/** 吉林省's village checklist: the "九有" of seed 002. */
export const NINE_HAVES = [
  { key: 'leading-industry', title: '有主导产业' },
  { key: 'collective-income', title: '有集体收入' },
  { key: 'service-center', title: '有健全的群众服务中心' },
  { key: 'public-services', title: '有小学教育卫生文化等服务功能' },
  { key: 'road', title: '有硬化的通村公路' },
  { key: 'water', title: '有入户的安全饮水' },
  { key: 'grid', title: '有安全的农村电网' },
  { key: 'fiber', title: '有入户的广电通信光纤电缆' },
  { key: 'clean-energy', title: '有清洁的生活能源' },
];

const CHECK = { result: 'met', evidence: '入户查看，与户主、邻居核实' };
/** 两不愁三保障 and 饮水 all met, with the evidence a verification records. */
export const CHECKLIST = { food: CHECK, clothing: CHECK, education: CHECK, medical: CHECK, housing: CHECK, water: CHECK };

/**
 * Exits in the seed 000 villages: three households of 德化村 through the whole procedure (one sent back
 * by an objection during 公示 and passed on its second round), one in 公示 now, one in 永兴村 whose 核实 is
 * overdue and escalated, and 永兴村's exit as a village (出列) under the 九有.
 */
export function demoExits(firstMonth: string, end: number, households: DemoHousehold[], office: Actor): DemoAction[] {
  const actions: DemoAction[] = [];
  const monthBase = (index: number) => demoMonthBase(firstMonth, index);
  const push = (at: number, actor: Actor, key: string, command: RoutedCommand) => actions.push({ at, actor, command, key: `exit:${key}` });
  const member = (id: string) => households.find((h) => h.householdId === id) as DemoHousehold;
  const hh = (village: number, n: number) => `${DEMO_VILLAGES[village].code}${String(n).padStart(4, '0')}`;
  const start = (at: number, actor: Actor, subject: { kind: 'household' | 'village'; id: string }, reason: string) =>
    push(at, actor, `start:${subject.id}`, {
      type: 'StartWorkflow',
      data: { definitionId: `${subject.kind}-exit`, subject, reason },
    });
  const act = (at: number, actor: Actor, exitId: string, step: string, action: StepAction, input: Record<string, unknown>, round = 1) =>
    push(at, actor, `${exitId}:${step}:${action}:${round}`, {
      type: 'ActOnStep',
      data: { instanceId: exitId, step, action, input },
    });

  push(monthBase(0) + HOUR, office, 'standard:220000', {
    type: 'AdoptExitStandard',
    data: {
      regionCode: '220000',
      effectiveFrom: new Date(monthBase(0) + 2 * HOUR + 8 * HOUR).toISOString().slice(0, 10),
      incomeLineFen: 400_000,
      incidenceLimitBp: 200,
      villageChecklist: NINE_HAVES,
      ...NATIONAL_ASSESSMENT_THRESHOLDS,
      reason: '吉林省贫困村退出“九有”标准；贫困户人均纯收入稳定超过国家扶贫标准',
    },
  });

  const walk = (householdId: string, t: number, objection: boolean) => {
    const exitId = `${householdId}-1`;
    const team = teamMember(DEMO_VILLAGES[0].team[0]);
    const people = member(householdId).members.length;
    const verification = (extra: number) => ({
      verification: {
        incomeItems: [
          { source: '工资性收入', amountFen: people * 380_000 + extra },
          { source: '转移性收入', amountFen: people * 90_000 },
        ],
        expensesFen: people * 20_000,
        checklist: CHECKLIST,
        interviewed: ['户主', '村民小组长'],
      },
    });
    const vote = { vote: { for: 21, against: 1, abstain: 2, minutes: '村民代表大会，应到25人，实到24人' } };
    start(t, team, { kind: 'household', id: householdId }, '产业分红与务工收入稳定，拟申请脱贫');
    act(t + 2 * DAY, team, exitId, 'verification', 'approve', verification(0));
    act(t + 6 * DAY, team, exitId, 'review', 'approve', vote);
    let n = t + 6 * DAY;
    if (objection) {
      act(n + 4 * DAY, SONGJIANG, exitId, 'notice', 'object', {
        objection: { raisedBy: '村民（匿名）', content: '该户子女在外务工收入未如实申报，另有一头黄牛未计入' },
      });
      act(n + 8 * DAY, team, exitId, 'verification', 'approve', verification(150_000), 2);
      act(n + 10 * DAY, team, exitId, 'review', 'approve', vote, 2);
      n += 10 * DAY;
    }
    act(n + 8 * DAY, team, exitId, 'notice', 'approve', { notice: { location: '德化村村务公开栏', remarks: '公示期内无异议' } });
    act(n + 10 * DAY, SONGJIANG, exitId, 'township', 'approve', { review: { opinion: '经入户核实，符合退出标准' } });
    act(n + 13 * DAY, ANTU_COUNTY, exitId, 'county', 'approve', { review: { opinion: '同意退出' } });
    act(n + 15 * DAY, ANTU_COUNTY, exitId, 'announcement', 'approve', {
      announcement: {
        number: `安扶公告〔${new Date(n).getUTCFullYear()}〕${householdId.slice(-2)}号`,
        householdAgreement: { agreed: true, signedBy: '户主' },
      },
    });
  };
  walk(hh(0, 18), monthBase(6), false);
  walk(hh(0, 19), monthBase(6) + DAY, true);
  walk(hh(0, 20), monthBase(7), false);
  // In 公示 as the demo ends: started a few days before the end of the record.
  const inNotice = hh(0, 22);
  const s = end - 12 * DAY;
  const team = teamMember(DEMO_VILLAGES[0].team[1]);
  start(s, team, { kind: 'household', id: inNotice }, '拟申请脱贫');
  act(s + DAY, team, `${inNotice}-1`, 'verification', 'approve', {
    verification: {
      incomeItems: [{ source: '经营性收入', amountFen: member(inNotice).members.length * 520_000 }],
      checklist: CHECKLIST,
      interviewed: ['户主'],
    },
  });
  act(s + 4 * DAY, team, `${inNotice}-1`, 'review', 'approve', { vote: { for: 19, against: 3, abstain: 2, minutes: '村民代表大会' } });

  // 永兴村: one household proposed and never verified (overdue, then escalated to 东光镇); the village exits.
  const yongxing = DEMO_VILLAGES[2];
  start(monthBase(10), teamMember(yongxing.team[0]), { kind: 'household', id: hh(2, 8) }, '拟申请脱贫');
  push(monthBase(8), office, 'population:yongxing', {
    type: 'RecordRuralPopulation',
    data: {
      regionCode: yongxing.code,
      population: 1260,
      asOf: new Date(monthBase(8)).toISOString().slice(0, 10),
      source: '东光镇 农业户籍人口统计',
    },
  });
  const villageExit = `${yongxing.code}-1`;
  const v = monthBase(8) + 3 * DAY;
  start(v, DONGGUANG, { kind: 'village', id: yongxing.code }, '贫困发生率降至2%以下，九有达标');
  act(v + 5 * DAY, DONGGUANG, villageExit, 'verification', 'approve', {
    villageVerification: {
      checklist: Object.fromEntries(NINE_HAVES.map((item) => [item.key, { met: true, evidence: '实地查看，资料齐全' }])),
    },
  });
  act(v + 13 * DAY, DONGGUANG, villageExit, 'notice', 'approve', { notice: { location: '永兴村村务公开栏、东光镇政府公告栏' } });
  act(v + 16 * DAY, WANGQING_COUNTY, villageExit, 'county', 'approve', { review: { opinion: '同意出列' } });
  act(v + 18 * DAY, WANGQING_COUNTY, villageExit, 'announcement', 'approve', { review: { opinion: '汪清县人民政府公告出列' } });
  // 安图县's 摘帽 indicators: the rural population, a county spot check of the exits, and a 群众认可度 survey.
  push(monthBase(9), ANTU_COUNTY, 'population:antu', {
    type: 'RecordRuralPopulation',
    data: {
      regionCode: '222426',
      population: 61_500,
      asOf: new Date(monthBase(9)).toISOString().slice(0, 10),
      source: '安图县统计局 农业户籍人口',
    },
  });
  push(monthBase(11), ANTU_COUNTY, 'spot-check:antu', {
    type: 'RecordSpotCheck',
    data: {
      regionCode: '222426',
      checkId: 'demo-antu-spot-1',
      checkedOn: new Date(monthBase(11)).toISOString().slice(0, 10),
      exitedSampled: 3,
      wronglyExited: 0,
      othersSampled: 40,
      missedPoor: 1,
      team: '延边州第三方评估组',
    },
  });
  push(monthBase(11) + DAY, ANTU_COUNTY, 'survey:antu', {
    type: 'RecordSatisfactionSurvey',
    data: {
      regionCode: '222426',
      surveyId: 'demo-antu-survey-1',
      surveyedOn: new Date(monthBase(11) + DAY).toISOString().slice(0, 10),
      respondents: 120,
      satisfied: 113,
      team: '延边州第三方评估组',
    },
  });
  return actions.filter((action) => action.at < end);
}
