import { DEFAULT_VISIT_TERMS, nextMonth, type Actor, type Findings } from '@bangfu/domain';
import {
  assignCadreCommand,
  CHECKLIST,
  DAY,
  type DemoAction,
  demoHouseholds,
  HOUR,
  monthBase,
  type RoutedCommand,
} from '@bangfu/application';
import type { CountyPlan, ProvincePlan } from './province-plan';
import type { StepAction } from '@bangfu/workflow';

/** What a simulated year looks like, in shares of household-months (from the seeds' inspection reports). */
export const RATES = {
  /** A month with no visit at all: it turns overdue, then reminded and escalated. */
  missedMonth: 0.03,
  /** Visits entered days after they happened; a few weeks later (补录) are what the backfill flag catches. */
  enteredDaysLater: 0.08,
  backfilledWeeksLater: 0.01,
  /** A household handed to another cadre (工作调整), who owes a 对接 visit within the handover days. */
  handover: 0.006,
  handoverNotConnected: 0.15,
  /** Households that get a quarterly 产业奖补 payment. */
  paidQuarterly: 0.5,
  /** From the third year on, the share of households still poor that apply to exit each month. */
  exitPerMonth: 0.02,
  /** Exits sent back by an objection during 公示 (then verified again). */
  exitObjected: 0.08,
  /** Households an inspection team draws in each county each year. */
  inspectionSample: 30,
};

const OK = { result: 'met' as const };
const FINDINGS: Findings = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };
const MEASURES = ['产业奖补', '小额信贷', '公益岗位', '医疗救助', '教育资助', '危房改造', '劳务输出', '技能培训'];
const NOTES = [
  '入户走访，了解家庭收入和就医情况，宣传健康扶贫政策。',
  '核对产业奖补到户情况，户主签字确认。',
  '了解务工收入，登记就业意向。',
  '',
];

const iso = (t: number) => new Date(t).toISOString();

interface SimHousehold {
  id: string;
  village: string;
  cadreId: string;
  members: number;
  town: CountyPlan['towns'][number];
  exiting: boolean;
}

export const provinceAdmin = (plan: ProvincePlan): Actor => ({
  id: 'sim-province-admin',
  name: `${plan.name}扶贫办 模拟管理员`,
  roles: ['county-admin'],
  regionCode: plan.code,
});

/** The province, its cities and the visit policy, before any county's work. */
export function provinceActions(plan: ProvincePlan, firstMonth: string): DemoAction[] {
  const at = monthBase(firstMonth) - 10 * DAY;
  const actor = provinceAdmin(plan);
  const actions: DemoAction[] = [
    {
      at,
      actor,
      key: `region:${plan.code}`,
      command: { type: 'RegisterRegion' as const, data: { code: plan.code, name: plan.name } },
    },
    ...plan.cities.map((city, i) => ({
      at: at + 1000 * (i + 1),
      actor,
      key: `region:${city.code}`,
      command: { type: 'RegisterRegion' as const, data: { ...city } },
    })),
  ];
  actions.push({
    at: at + HOUR,
    actor,
    key: `policy:${plan.code}`,
    command: {
      type: 'AdoptVisitPolicy',
      data: {
        regionCode: plan.code,
        effectiveFrom: iso(at + 2 * HOUR).slice(0, 10),
        ...DEFAULT_VISIT_TERMS,
        reason: '每月走访不少于1次，新调整的包保责任人及时对接',
      },
    },
  });
  return actions;
}

/** Actions generated for one stretch of time; none of later stretches is recorded before `until`. */
export interface ActionBatch {
  actions: DemoAction[];
  until: number;
}

/**
 * Everything one county records over `months`: its divisions, units and cadres, the register and 包户, then
 * month by month the visits (on time, late, backfilled or missed), handovers with their 对接 visits, and the
 * county fund paid out to households each quarter. Yielded a month at a time so memory holds one month;
 * the seed makes it repeatable.
 */
export function* countyActions(
  plan: ProvincePlan,
  county: CountyPlan,
  firstMonth: string,
  months: number,
  random: () => number,
): Generator<ActionBatch> {
  let actions: DemoAction[] = [];
  const admin: Actor = {
    id: `sim-admin-${county.code}`,
    name: `${county.name}扶贫办 模拟管理员`,
    roles: ['county-admin'],
    regionCode: county.code,
  };
  const office = (at: number, key: string, command: RoutedCommand, occurredAt?: number, actor = admin) =>
    actions.push({ at, actor, command, key, occurredAt });
  const start = monthBase(firstMonth) - 5 * DAY;
  const cadreActor = (cadreId: string): Actor => ({
    id: cadreId,
    name: `帮扶干部${cadreId.slice(-7)}`,
    roles: ['cadre'],
    regionCode: county.code,
  });

  office(
    start,
    `region:${county.code}`,
    { type: 'RegisterRegion', data: { code: county.code, name: county.name } },
    undefined,
    provinceAdmin(plan),
  );
  const households: SimHousehold[] = [];
  const visit = (household: { id: string; cadreId: string }, key: string, occurredAt: number, recordedAt: number, kind: '走访' | '对接') =>
    actions.push({
      at: recordedAt,
      occurredAt,
      actor: cadreActor(household.cadreId),
      key: `visit:${key}`,
      command: {
        type: 'RecordVisit',
        data: {
          visitId: `sim-${key}`,
          householdId: household.id,
          cadreId: household.cadreId,
          kind,
          occurredAt: iso(occurredAt),
          findings: FINDINGS,
          measures: [MEASURES[Math.floor(random() * MEASURES.length)]],
          notes: NOTES[Math.floor(random() * NOTES.length)],
        },
      },
    });

  /** 脱贫退出 as the procedure runs it: 核实 by a work-team member, 评议, 公示 (sometimes objected to), 乡镇审核, 县级审定, 公告. */
  const exitWalk = (household: SimHousehold, t: number) => {
    household.exiting = true;
    const exitId = `${household.id}-1`;
    const team: Actor = {
      id: household.town.cadreIds[(household.town.cadreIds.indexOf(household.cadreId) + 1) % household.town.cadreIds.length],
      name: '驻村工作队员',
      roles: ['work-team'],
      regionCode: county.code,
    };
    const township: Actor = {
      id: `sim-township-${household.town.code}`,
      name: `${household.town.name} 审核员`,
      roles: ['township-reviewer'],
      regionCode: household.town.code,
    };
    const act = (at: number, actor: Actor, step: string, action: StepAction, input: Record<string, unknown>, round = 1) =>
      actions.push({
        at,
        actor,
        key: `exit:${exitId}:${step}:${action}:${round}`,
        command: { type: 'ActOnStep', data: { instanceId: exitId, step, action, input } },
      });
    const verification = (extra: number) => ({
      verification: {
        incomeItems: [
          { source: '工资性收入', amountFen: household.members * 380_000 + extra },
          { source: '转移性收入', amountFen: household.members * 90_000 },
        ],
        expensesFen: household.members * 20_000,
        checklist: CHECKLIST,
        interviewed: ['户主', '村民小组长'],
      },
    });
    const vote = { vote: { for: 21, against: 1, abstain: 2, minutes: '村民代表大会，应到25人，实到24人' } };
    actions.push({
      at: t,
      actor: team,
      key: `exit:${exitId}:start`,
      command: {
        type: 'StartWorkflow',
        data: {
          definitionId: 'household-exit',
          subject: { kind: 'household', id: household.id },
          reason: '收入稳定，拟申请脱贫',
        },
      },
    });
    act(t + 2 * DAY, team, 'verification', 'approve', verification(0));
    act(t + 6 * DAY, team, 'review', 'approve', vote);
    let n = t + 6 * DAY;
    if (random() < RATES.exitObjected) {
      act(n + 3 * DAY, township, 'notice', 'object', { objection: { raisedBy: '村民（匿名）', content: '务工收入未如实申报' } });
      act(n + 6 * DAY, team, 'verification', 'approve', verification(150_000), 2);
      act(n + 9 * DAY, team, 'review', 'approve', vote, 2);
      n += 9 * DAY;
    }
    act(n + 8 * DAY, team, 'notice', 'approve', { notice: { location: '村务公开栏', remarks: '公示期内无异议' } });
    act(n + 10 * DAY, township, 'township', 'approve', { review: { opinion: '经入户核实，符合退出标准' } });
    act(n + 13 * DAY, admin, 'county', 'approve', { review: { opinion: '同意退出' } });
    act(n + 15 * DAY, admin, 'announcement', 'approve', {
      announcement: {
        number: `${county.name}扶公告〔${new Date(n).getUTCFullYear()}〕${household.id.slice(-6)}号`,
        householdAgreement: { agreed: true, signedBy: '户主' },
      },
    });
  };
  let tick = 1;
  const next = () => start + HOUR + tick++ * 1000;
  for (const town of county.towns) {
    office(next(), `region:${town.code}`, { type: 'RegisterRegion', data: { code: town.code, name: town.name } });
    for (const village of town.villages) {
      office(next(), `region:${village.code}`, { type: 'RegisterRegion', data: { code: village.code, name: village.name } });
    }
    office(next(), `unit:${town.unitId}`, {
      type: 'RegisterUnit',
      data: {
        unitId: town.unitId,
        name: `${town.name}包村单位`,
        regionCode: county.code,
        leadOfficial: `${town.name}党委书记`,
      },
    });
    for (const cadreId of town.cadreIds) {
      office(next(), `cadre:${cadreId}`, {
        type: 'RegisterCadre',
        data: {
          cadreId,
          name: `帮扶干部${cadreId.slice(-7)}`,
          unitId: town.unitId,
          position: '科员',
        },
      });
    }
    let h = 0;
    for (const village of town.villages) {
      office(next(), `village-unit:${village.code}`, {
        type: 'AssignUnitToVillage',
        data: {
          villageCode: village.code,
          unitId: town.unitId,
          from: iso(start + HOUR),
          reason: '单位包村',
        },
      });
      const profiles = demoHouseholds({ ...village, people: Math.round(village.households * 2.6), cadres: [], team: [] }, random);
      for (const profile of profiles) {
        const cadreId = town.cadreIds[Math.floor(h++ / 8)];
        households.push({ id: profile.householdId, village: village.code, cadreId, members: profile.members.length, town, exiting: false });
        const at = next();
        office(
          at,
          `household:${profile.householdId}`,
          {
            type: 'RegisterHousehold',
            data: { ...profile, identifiedAt: iso(start), source: 'import' },
          },
          start,
        );
        const assignedAt = next();
        office(
          assignedAt,
          `assign:${profile.householdId}:0`,
          assignCadreCommand(profile.householdId, cadreId, iso(assignedAt), '包保责任分配表'),
          assignedAt,
        );
        if (random() >= RATES.handoverNotConnected) {
          const connect = monthBase(firstMonth) + Math.floor(random() * 5) * DAY + Math.floor(random() * 8) * HOUR;
          visit(households[households.length - 1], `${profile.householdId}-connect`, connect, connect + 2 * HOUR, '对接');
        }
      }
    }
  }

  yield { actions, until: monthBase(firstMonth) };

  let month = firstMonth;
  let fundId = '';
  for (let m = 0; m < months; m++, month = nextMonth(month)) {
    actions = [];
    const base = monthBase(month);
    if (m % 12 === 0) {
      fundId = `sim-fund-${county.code}-${month.slice(0, 4)}`;
      office(base + DAY, `fund:${fundId}`, {
        type: 'AllocateFund',
        data: {
          fundId,
          source: '中央财政专项扶贫资金',
          amountFen: county.households * 200_000,
          regionCode: county.code,
          purpose: '产业发展',
          documentNumber: `${county.name}财农〔${month.slice(0, 4)}〕${1 + Math.floor(random() * 90)}号`,
          allocatedOn: iso(base + DAY).slice(0, 10),
        },
      });
    }
    for (const household of households) {
      const r = random();
      const day = Math.floor(random() * 26);
      const occurredAt = base + day * DAY + Math.floor(random() * 8) * HOUR;
      if (r < RATES.handover) {
        // A new cadre of the same unit takes over; most connect within the handover days, some never do.
        const town = county.towns.find((t) => household.village.startsWith(t.code)) as CountyPlan['towns'][number];
        const successor = town.cadreIds[Math.floor(random() * town.cadreIds.length)];
        if (successor !== household.cadreId) {
          household.cadreId = successor;
          office(
            occurredAt,
            `assign:${household.id}:${month}`,
            assignCadreCommand(household.id, successor, iso(occurredAt), '工作调整'),
            occurredAt,
          );
          if (random() >= RATES.handoverNotConnected) {
            const connect = occurredAt + (1 + Math.floor(random() * 4)) * DAY;
            visit(household, `${household.id}-${month}-connect`, connect, connect + 2 * HOUR, '对接');
          }
        }
      }
      if (r >= 1 - RATES.missedMonth) continue;
      const late = random();
      const delay =
        late < RATES.backfilledWeeksLater
          ? (14 + Math.floor(random() * 14)) * DAY
          : late < RATES.backfilledWeeksLater + RATES.enteredDaysLater
            ? (1 + Math.floor(random() * 3)) * DAY
            : Math.floor(random() * 6) * HOUR + 30 * 60_000;
      visit(household, `${household.id}-${month}`, occurredAt, occurredAt + delay, '走访');
    }
    if (m >= 24) {
      for (const household of households)
        if (!household.exiting && random() < RATES.exitPerMonth) exitWalk(household, base + Math.floor(random() * 20) * DAY);
    }
    if (m % 12 === 6) {
      const year = month.slice(0, 4);
      office(
        base + 12 * DAY,
        `inspection:${county.code}:${year}`,
        {
          type: 'DrawSample',
          data: {
            inspectionId: `sim-inspection-${county.code}-${year}`,
            regionCode: county.code,
            kind: 'household',
            purpose: `${year}年度脱贫攻坚成效督查`,
            team: '省脱贫攻坚督查组',
            seed: `${county.code}-${year}`,
            size: RATES.inspectionSample,
          },
        },
        undefined,
        { id: 'sim-inspector', name: '省督查组 模拟督查员', roles: ['inspector'], regionCode: plan.code },
      );
    }
    if (m % 3 === 2) {
      // Quarterly 产业奖补 to the households that qualify, each with its voucher.
      households.forEach((household, i) => {
        if (random() >= RATES.paidQuarterly) return;
        const at = base + 20 * DAY + i * 1000;
        office(
          at,
          `pay:${household.id}:${month}`,
          {
            type: 'DisburseFund',
            data: {
              fundId,
              disbursementId: `sim-pay-${household.id}-${month}`,
              recipient: { kind: 'household', id: household.id },
              amountFen: 50_000,
              voucherNumber: `${county.code}-${month}-${String(i).padStart(5, '0')}`,
              disbursedAt: iso(at),
            },
          },
          at,
        );
      });
    }
    yield { actions, until: monthBase(nextMonth(month)) };
  }
}
