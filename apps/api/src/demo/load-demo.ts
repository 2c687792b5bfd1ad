import { DEFAULT_VISIT_TERMS, EXCLUSION_REASONS, monthStart, nextMonth, shanghaiMonth, type Actor, type Findings } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { VirtualClock } from '@bangfu/workflow';
import {
  Application,
  assignCadreCommand,
  type BangfuConfig,
  DAY,
  DEMO_CADRES,
  DEMO_UNIT,
  DEMO_VILLAGES,
  type DemoAction,
  demoExits,
  demoIdentification,
  demoRemoval,
  demoHelpPlans,
  demoSelfChecks,
  demoSupportSystem,
  demoTeamReports,
  type DemoHousehold,
  demoHouseholds,
  demoSupervision,
  demoTasks,
  HOUR,
  monthBase,
  prng,
  type RoutedCommand,
  SEED_000_REGIONS,
} from '@bangfu/application';
import { createApp } from '../create-app';
import { LedgerProofs } from '../ledger/ledger-proofs.service';
import { DemoTimeline } from './demo-clock';

/** The demo's provincial office, as whom the demo's office work is recorded. */
export const DEMO_ADMIN = { id: 'demo-jilin-admin', name: '吉林省卫生健康委 演示管理员', roles: ['county-admin'], regionCode: '220000' };

const OK = { result: 'met' as const };
const FINDINGS: Findings = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };
const MEASURES = ['黄牛养殖', '木耳种植', '因户设岗：保洁员', '笨榨油坊分红', '医疗救助申请', '危房改造'];

/**
 * On an empty store, records a year of seed 000's work on a virtual clock — registration, 包村 and 包户, a
 * handover, a recall, monthly visits with a few missed, late, backfilled and misattributed — through the
 * same command path as the API, so every view has real content from the first minute. The timeline ends now.
 */
export async function loadDemoIfEmpty(config: BangfuConfig, now = new Date()): Promise<boolean> {
  const firstMonth = shanghaiMonth(new Date(now.getTime() - 365 * DAY));
  const start = monthBase(firstMonth);
  const clock = new VirtualClock(new Date(start));
  const app = await createApp({ ...config, timerIntervalMs: 0, logger: false }, { clock });
  await app.init();
  try {
    if ((await app.get<EventStore>(EVENT_STORE).headPosition()) > 0) return false;
    const timeline = new DemoTimeline(app, clock);
    const router = app.get(Application).router;
    const actions = demoActions(start, firstMonth, now.getTime()).sort((a, b) => a.at - b.at);
    for (const action of actions) {
      await timeline.advanceTo(new Date(action.at).toISOString());
      await router.dispatch(action.command, {
        actor: action.actor,
        now: clock.now(),
        occurredAt: action.occurredAt === undefined ? undefined : new Date(action.occurredAt).toISOString(),
        idempotencyKey: `demo:${action.key}`,
      });
    }
    await timeline.advanceTo(now.toISOString());
    await timeline.settle();
    // A signed checkpoint over the demo year, so dossiers can be exported and verified from the first minute.
    await app.get(LedgerProofs).sign({ actor: DEMO_ADMIN, now: clock.now(), idempotencyKey: 'demo:checkpoint' }, '演示数据封存');
    return true;
  } finally {
    await app.close();
  }
}

function demoActions(start: number, firstMonth: string, end: number): DemoAction[] {
  const random = prng(20190411);
  const actions: DemoAction[] = [];
  const office = (at: number, key: string, command: RoutedCommand, occurredAt?: number) =>
    actions.push({ at, actor: DEMO_ADMIN, command, key, occurredAt });
  const iso = (t: number) => new Date(t).toISOString();

  for (const [i, region] of SEED_000_REGIONS.entries()) {
    office(start + i * 1000, `region:${region.code}`, { type: 'RegisterRegion', data: { ...region } });
  }
  const t0 = start + HOUR;
  office(t0, 'policy:220000', {
    type: 'AdoptVisitPolicy',
    data: {
      regionCode: '220000',
      effectiveFrom: new Date(start + 8 * HOUR).toISOString().slice(0, 10),
      ...DEFAULT_VISIT_TERMS,
      reason: '吉卫党委发〔2019〕11号：每月走访不少于1次，新调整的包保责任人及时对接',
    },
  });
  office(t0 + 1000, 'unit', { type: 'RegisterUnit', data: { ...DEMO_UNIT } });
  for (const [i, cadre] of DEMO_CADRES.entries()) {
    office(t0 + 2000 + i, `cadre:${cadre.cadreId}`, {
      type: 'RegisterCadre',
      data: {
        ...cadre,
        unitId: DEMO_UNIT.unitId,
        phone: `1394433${String(1000 + i * 37).slice(-4)}`,
      },
    });
  }

  // Who holds which household, as it changes: [householdId] → cadre index, used to plan each month's visits.
  const holder = new Map<string, number>();
  const households: DemoHousehold[] = [];
  const t1 = t0 + HOUR;
  for (const village of DEMO_VILLAGES) {
    office(t1, `village-unit:${village.code}`, {
      type: 'AssignUnitToVillage',
      data: {
        villageCode: village.code,
        unitId: DEMO_UNIT.unitId,
        from: iso(t1),
        reason: '省直单位包村',
      },
    });
    office(t1 + 1, `village-team:${village.code}`, {
      type: 'AssignWorkTeam',
      data: {
        villageCode: village.code,
        memberIds: village.team.map((i) => DEMO_CADRES[i].cadreId),
        firstSecretaryId: DEMO_CADRES[village.team[0]].cadreId,
        from: iso(t1),
        reason: '选派驻村工作队',
      },
    });
    for (const [i, household] of demoHouseholds(village, random).entries()) {
      households.push(household);
      const cadre = village.cadres[i % village.cadres.length];
      holder.set(household.householdId, cadre);
      const at = t1 + HOUR + households.length * 1000;
      office(
        at,
        `household:${household.householdId}`,
        {
          type: 'RegisterHousehold',
          data: { ...household, identifiedAt: iso(t1), source: 'import' },
        },
        t1,
      );
      office(
        at + 1,
        `assign:${household.householdId}`,
        assignCadreCommand(household.householdId, DEMO_CADRES[cadre].cadreId, iso(t1), '包保责任分配表'),
        t1,
      );
    }
  }

  const cadreActor = (index: number): Actor => ({
    id: DEMO_CADRES[index].cadreId,
    name: DEMO_CADRES[index].name,
    roles: ['cadre'],
    regionCode: '220000',
  });
  const visit = (
    key: string,
    householdId: string,
    cadre: number,
    occurredAt: number,
    recordedAt: number,
    kind: '走访' | '对接' = '走访',
    findings: typeof FINDINGS = FINDINGS,
  ) =>
    actions.push({
      at: recordedAt,
      occurredAt,
      actor: cadreActor(cadre),
      key: `visit:${key}`,
      command: {
        type: 'RecordVisit',
        data: {
          visitId: `demo-${key}`,
          householdId,
          cadreId: DEMO_CADRES[cadre].cadreId,
          kind,
          occurredAt: iso(occurredAt),
          findings,
          measures: [MEASURES[Math.floor(random() * MEASURES.length)]],
          notes: '',
        },
      },
    });

  // The planted cases, by month index from the first month.
  const hh = (village: number, n: number) => `${DEMO_VILLAGES[village].code}${String(n).padStart(4, '0')}`;
  const PLANTED_MISSED = new Set([`${hh(0, 3)}@3`, `${hh(1, 9)}@6`, `${hh(2, 6)}@9`]);
  const PLANTED_BACKFILL = new Map([
    [`${hh(1, 2)}@4`, 15],
    [`${hh(0, 14)}@7`, 11],
  ]);
  // Needs a visit found unmet (两不愁三保障): 德化村's fifth household's housing, answered by a measure within the month
  // (seed-000-help-plans); 永兴村's third household's drinking water, never answered (PROBLEM_WITHOUT_MEASURE).
  const PLANTED_NEEDS = new Map<string, [check: 'housing' | 'water', note: string]>([
    [`${hh(0, 5)}@2`, ['housing', '房屋墙体开裂，经鉴定为C级危房']],
    [`${hh(2, 3)}@8`, ['water', '水井水质浑浊，未通自来水']],
  ]);
  let month = firstMonth;
  for (let m = 0; Date.parse(monthStart(month)) < end; m++, month = nextMonth(month)) {
    const base = Date.parse(monthStart(month));
    const events: Record<number, () => void> = {
      1: () => {
        // 永新村: "利用政府资金4.8万元，建设冬季暖育房" — allocated, paid to the village collective, receipt confirmed.
        const fund = { fundId: 'demo-yongxing-nuanyufang', disbursementId: 'demo-nuanyufang-1' };
        office(base + 3 * DAY, 'fund-nuanyufang', {
          type: 'AllocateFund',
          data: {
            fundId: fund.fundId,
            source: '县级财政专项扶贫资金',
            amountFen: 4_800_000,
            regionCode: DEMO_VILLAGES[2].code,
            purpose: '产业发展',
            documentNumber: '汪财农〔2019〕12号',
            allocatedOn: iso(base + 3 * DAY).slice(0, 10),
          },
        });
        office(
          base + 10 * DAY,
          'fund-nuanyufang-paid',
          {
            type: 'DisburseFund',
            data: {
              ...fund,
              recipient: { kind: 'village', id: DEMO_VILLAGES[2].code },
              amountFen: 4_800_000,
              voucherNumber: '汪清记字第0412号',
              disbursedAt: iso(base + 10 * DAY),
            },
          },
          base + 10 * DAY,
        );
        office(
          base + 12 * DAY,
          'fund-nuanyufang-received',
          {
            type: 'ConfirmReceipt',
            data: { ...fund, confirmedBy: '永兴村村委会会计', confirmedAt: iso(base + 12 * DAY) },
          },
          base + 12 * DAY,
        );
      },
      2: () => {
        // 盘道村笨榨油坊: the village's households hold shares (入股分红); accepted by the county, published for 7 days.
        const projectId = 'demo-pandao-benzha-youfang';
        office(base + DAY, 'project-youfang', {
          type: 'ApproveProject',
          data: {
            projectId,
            name: '盘道村笨榨油坊扶贫产业项目',
            regionCode: DEMO_VILLAGES[1].code,
            leadUnitId: DEMO_UNIT.unitId,
            budgetFen: 20_000_000,
            dueOn: iso(base + 60 * DAY).slice(0, 10),
            approvedOn: iso(base + DAY).slice(0, 10),
          },
        });
        office(base + DAY + 1000, 'project-youfang-beneficiaries', {
          type: 'AddBeneficiaries',
          data: {
            projectId,
            householdIds: households.filter((h) => h.villageCode === DEMO_VILLAGES[1].code).map((h) => h.householdId),
            link: '入股分红',
          },
        });
        office(base + 20 * DAY, 'project-youfang-milestone', {
          type: 'RecordMilestone',
          data: { projectId, milestone: '榨油设备安装调试完成', reachedOn: iso(base + 20 * DAY) },
        });
        office(base + 40 * DAY, 'project-youfang-done', {
          type: 'CompleteProject',
          data: { projectId, completedOn: iso(base + 40 * DAY) },
        });
        office(base + 45 * DAY, 'project-youfang-accepted', {
          type: 'AcceptProject',
          data: { projectId, passed: true, notes: '设备运行正常，注册商标“盘道香”', acceptedOn: iso(base + 45 * DAY) },
        });
        office(base + 46 * DAY, 'project-youfang-notice', {
          type: 'PublishProjectNotice',
          data: { projectId, from: iso(base + 46 * DAY), days: 7, content: '盘道村笨榨油坊项目及资金使用情况公示' },
        });
        // 盘道村 40平米小型冷库 for the 大榛子, paid from the 油坊's earnings: approved, under way.
        office(base + 50 * DAY, 'project-lengku', {
          type: 'ApproveProject',
          data: {
            projectId: 'demo-pandao-lengku',
            name: '盘道村40平米小型冷库（储存大果榛子）',
            regionCode: DEMO_VILLAGES[1].code,
            leadUnitId: DEMO_UNIT.unitId,
            budgetFen: 6_000_000,
            dueOn: iso(base + 400 * DAY).slice(0, 10),
            approvedOn: iso(base + 50 * DAY).slice(0, 10),
          },
        });
        office(base + 2 * DAY + 3 * HOUR, 'correct', {
          type: 'CorrectHousehold',
          data: { householdId: hh(1, 5), changes: { category: '低保贫困户' }, reason: '民政部门认定为低保对象，更正贫困户属性' },
        });
        // 盘道村 路灯160盏: paid in two parts — the second under the first part's voucher number (planted duplicate).
        const lamps = { fundId: 'demo-pandao-ludeng', recipient: { kind: 'village' as const, id: DEMO_VILLAGES[1].code } };
        office(base + 4 * DAY, 'fund-ludeng', {
          type: 'AllocateFund',
          data: {
            fundId: lamps.fundId,
            source: '整合涉农资金',
            amountFen: 32_000_000,
            regionCode: DEMO_VILLAGES[1].code,
            purpose: '基础设施',
            documentNumber: '安财农〔2019〕31号',
            allocatedOn: iso(base + 4 * DAY).slice(0, 10),
          },
        });
        for (const [part, day] of [
          [1, 9],
          [2, 20],
        ]) {
          office(
            base + day * DAY,
            `fund-ludeng-${part}`,
            {
              type: 'DisburseFund',
              data: {
                ...lamps,
                disbursementId: `demo-ludeng-${part}`,
                amountFen: 16_000_000,
                voucherNumber: '安图记字第0977号',
                disbursedAt: iso(base + day * DAY),
              },
            },
            base + day * DAY,
          );
          office(
            base + (day + 2) * DAY,
            `fund-ludeng-${part}-received`,
            {
              type: 'ConfirmReceipt',
              data: {
                fundId: lamps.fundId,
                disbursementId: `demo-ludeng-${part}`,
                confirmedBy: '盘道村村委会会计',
                confirmedAt: iso(base + (day + 2) * DAY),
              },
            },
            base + (day + 2) * DAY,
          );
        }
        // Seed 004: 石景山区 "安排100万资金" for 精准助学 in 称多县, paid out; and 50万 for 救助, left idle (planted).
        const chenduo = { id: 'demo-chenduo-admin', name: '称多县扶贫开发局 演示管理员', roles: ['county-admin'], regionCode: '632723' };
        const pairing = (key: string, fundId: string, amountFen: number, purpose: '教育扶贫' | '社会保障', at: number) =>
          actions.push({
            at,
            actor: chenduo,
            key,
            command: {
              type: 'AllocateFund',
              data: {
                fundId,
                source: '东西部协作资金',
                amountFen,
                regionCode: '632723',
                purpose,
                documentNumber: '石扶协〔2019〕7号',
                allocatedOn: iso(at).slice(0, 10),
              },
            },
          });
        pairing('fund-zhuxue', 'demo-shijingshan-zhuxue', 100_000_000, '教育扶贫', base + 6 * DAY);
        pairing('fund-jiuzhu', 'demo-shijingshan-jiuzhu', 50_000_000, '社会保障', base + 6 * DAY + 1000);
        actions.push({
          at: base + 15 * DAY,
          actor: chenduo,
          key: 'fund-zhuxue-paid',
          occurredAt: base + 15 * DAY,
          command: {
            type: 'DisburseFund',
            data: {
              fundId: 'demo-shijingshan-zhuxue',
              disbursementId: 'demo-zhuxue-1',
              recipient: { kind: 'project', id: 'demo-chenduo-jingzhunzhuxue' },
              amountFen: 100_000_000,
              voucherNumber: '称多记字第0103号',
              disbursedAt: iso(base + 15 * DAY),
            },
          },
        });
      },
      5: () => {
        // Handover with a 对接 visit in time.
        office(
          base + 9 * DAY,
          'handover-1',
          assignCadreCommand(hh(0, 1), DEMO_CADRES[1].cadreId, iso(base + 9 * DAY), '工作调整'),
          base + 9 * DAY,
        );
        holder.set(hh(0, 1), 1);
        visit(`connect-${hh(0, 1)}`, hh(0, 1), 1, base + 13 * DAY + 2 * HOUR, base + 13 * DAY + 6 * HOUR, '对接');
      },
      6: () => {
        // 新识别: a household identified mid-year through 精准识别 (an objection during 公示 sends it back once), registered when
        // 汪清县 decides on the month's second day; its cadre assigned ten days later (an assignment gap).
        const household = { ...demoHouseholds({ ...DEMO_VILLAGES[2], households: 1, people: 2 }, random)[0], householdId: hh(2, 16) };
        actions.push(...demoIdentification(household, 2, base + DAY));
        office(
          base + 11 * DAY,
          'assign-new',
          assignCadreCommand(hh(2, 16), DEMO_CADRES[9].cadreId, iso(base + 11 * DAY), '新识别户落实帮扶责任人'),
          base + 11 * DAY,
        );
        visit(`connect-${hh(2, 16)}`, hh(2, 16), 9, base + 14 * DAY + 2 * HOUR, base + 14 * DAY + 5 * HOUR, '对接');
        // A work-team member visits a household that is not theirs.
        visit('team-visit', hh(0, 7), 13, base + 16 * DAY + 2 * HOUR, base + 16 * DAY + 4 * HOUR);
      },
      7: () => {
        // One cadre "visiting" in two counties twenty minutes apart.
        visit('simultaneous-a', hh(0, 11), 2, base + 20 * DAY + 2 * HOUR, base + 20 * DAY + 8 * HOUR);
        visit('simultaneous-b', hh(2, 2), 2, base + 20 * DAY + 2 * HOUR + 20 * 60_000, base + 20 * DAY + 8 * HOUR + 1000);
      },
      8: () => {
        // Handover without the 对接 visit: the new cadre's next visit is a month later.
        office(
          base + 2 * DAY,
          'handover-2',
          assignCadreCommand(hh(2, 4), DEMO_CADRES[10].cadreId, iso(base + 2 * DAY), '工作调整'),
          base + 2 * DAY,
        );
        holder.set(hh(2, 4), 10);
      },
      9: () => {
        visit('duplicate', hh(0, 21), 4, base + 5 * DAY + 2 * HOUR, base + 5 * DAY + 3 * HOUR);
        actions.push({
          at: base + 6 * DAY,
          actor: cadreActor(4),
          key: 'retract-duplicate',
          command: { type: 'RetractVisit', data: { householdId: hh(0, 21), visitId: 'demo-duplicate', reason: '重复录入' } },
        });
        // 剔除 (九不纳入): found to own a car, removed through the procedure when 安图县 decides.
        actions.push(...demoRemoval(hh(0, 29), 0, 'VEHICLE', `${EXCLUSION_REASONS.VEHICLE}：家庭购置小轿车一辆`, base + 12 * DAY));
        holder.delete(hh(0, 29));
      },
      10: () => {
        // 召回: cadre 徐明莉 is recalled and her households pass to two colleagues.
        const held = [...holder].filter(([, cadre]) => cadre === 11).map(([id]) => id);
        office(
          base + 4 * DAY,
          'recall',
          {
            type: 'RecallCadre',
            data: {
              cadreId: DEMO_CADRES[11].cadreId,
              reason: '帮扶工作不实，走访记录与实际不符',
              recalledAt: iso(base + 4 * DAY),
              handovers: held.map((householdId, i) => ({ householdId, successorId: DEMO_CADRES[9 + (i % 2)].cadreId })),
            },
          },
          base + 4 * DAY,
        );
        held.forEach((householdId, i) => {
          holder.set(householdId, 9 + (i % 2));
          visit(
            `connect-recall-${householdId}`,
            householdId,
            9 + (i % 2),
            base + (7 + i) * DAY + 2 * HOUR,
            base + (7 + i) * DAY + 5 * HOUR,
            '对接',
          );
        });
      },
    };
    const before = new Map(holder);
    events[m]?.();
    // A household that changed hands this month gets its monthly visit from the new cadre, late in the month.
    const moved = new Set([...holder].filter(([id, cadre]) => before.get(id) !== cadre).map(([id]) => id));
    for (const [householdId, cadre] of holder) {
      if (householdId === hh(2, 16) && m <= 6) continue;
      const need = PLANTED_NEEDS.get(`${householdId}@${m}`);
      const skipped = PLANTED_MISSED.has(`${householdId}@${m}`) || (m > 0 && random() < 0.01);
      if (skipped && !need) continue;
      // In the first month every cadre is new to the household: the visit is the 对接, within the 15 days.
      const day =
        m === 0 ? 1 + Math.floor(random() * 12) : moved.has(householdId) ? 20 + Math.floor(random() * 6) : 2 + Math.floor(random() * 24);
      const occurredAt = base + day * DAY + Math.floor(1 + random() * 7) * HOUR;
      const backfill = PLANTED_BACKFILL.get(`${householdId}@${m}`) ?? (random() < 0.015 ? 8 + Math.floor(random() * 10) : 0);
      const recordedAt = occurredAt + (backfill ? backfill * DAY : Math.floor(1 + random() * 5) * HOUR);
      if (recordedAt >= end) continue;
      const findings = need ? { ...FINDINGS, [need[0]]: { result: 'not_met' as const, note: need[1] } } : FINDINGS;
      visit(`${householdId}-${month}`, householdId, cadre, occurredAt, recordedAt, m === 0 ? '对接' : '走访', findings);
    }
  }
  actions.push(
    ...demoExits(firstMonth, end, households, DEMO_ADMIN),
    ...demoHelpPlans(firstMonth, end, households, DEMO_ADMIN),
    ...demoSupervision(firstMonth, end),
    ...demoTasks(firstMonth, end),
    ...demoSelfChecks(firstMonth, end),
    ...demoTeamReports(firstMonth, end),
    ...demoSupportSystem(firstMonth, end),
  );
  return actions.filter((action) => action.at < end);
}
