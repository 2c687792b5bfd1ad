import type { Actor, MeasureKind, PovertyCause, VisitCheck } from '@bangfu/domain';
import type { RoutedCommand } from '../commands/command-router';
import { DAY, HOUR, demoMonthBase, type DemoAction } from './demo-action';
import { DEMO_CADRES, DEMO_VILLAGES, type DemoHousehold } from './seed-000-work';

/** The measure a household's main cause of poverty calls for (seed 002 第三篇 (三): 因人因户制定一户一策). */
const MEASURE_FOR: Partial<Record<PovertyCause, { kind: MeasureKind; promise: string; addresses: VisitCheck[] }>> = {
  因病: { kind: '健康', promise: '落实家庭医生签约服务和大病救助，住院费用按政策报销', addresses: ['medical'] },
  因残: { kind: '兜底保障', promise: '申办残疾人两项补贴，纳入低保兜底', addresses: ['food', 'clothing'] },
  因学: { kind: '教育', promise: '落实“两免一补”和雨露计划助学补助', addresses: ['education'] },
  因灾: { kind: '住房', promise: '灾损房屋纳入危房改造', addresses: ['housing'] },
  缺技术: { kind: '技能培训', promise: '参加县人社局实用技术培训，推荐就业', addresses: [] },
  缺劳力: { kind: '兜底保障', promise: '纳入低保，安排公益性岗位', addresses: ['food'] },
};
const DEFAULT_MEASURE = { kind: '产业' as const, promise: '发展庭院经济，参与村集体产业分红', addresses: ['food'] as VisitCheck[] };

/**
 * 一户一策 in the seed 000 villages: every household registered at the start gets a measure for its main cause
 * from its cadre in the second month, due in the sixth and delivered on time; 德化村's second household is also
 * given two cattle, paid from the county's 产业到户 fund and delivered through that disbursement; 盘道村's third
 * household's housing measure is never delivered (MEASURE_OVERDUE), and one is handed to another cadre; the unsafe
 * house a visit found in 德化村's fifth household gets its measure within the month.
 */
export function demoHelpPlans(firstMonth: string, end: number, households: DemoHousehold[], office: Actor): DemoAction[] {
  const actions: DemoAction[] = [];
  const base = (month: number) => demoMonthBase(firstMonth, month);
  const iso = (t: number) => new Date(t).toISOString();
  const day = (t: number) => iso(t).slice(0, 10);
  const record = (at: number, actor: Actor, key: string, command: RoutedCommand) =>
    actions.push({ at, actor, command, key: `plan:${key}` });
  const cadreOf = (household: DemoHousehold): Actor => {
    const village = DEMO_VILLAGES.findIndex((v) => v.code === household.villageCode);
    const index = households.filter((h) => h.villageCode === household.villageCode).indexOf(household);
    const cadre = DEMO_CADRES[DEMO_VILLAGES[village].cadres[index % DEMO_VILLAGES[village].cadres.length]];
    return { id: cadre.cadreId, name: cadre.name, roles: ['cadre'], regionCode: '220000' };
  };
  const hh = (village: number, n: number) => `${DEMO_VILLAGES[village].code}${String(n).padStart(4, '0')}`;
  const OVERDUE = hh(1, 3);

  households.forEach((household, i) => {
    const cadre = cadreOf(household);
    const measure = MEASURE_FOR[household.causes[0]] ?? DEFAULT_MEASURE;
    const { householdId } = household;
    const measureId = `${householdId}-1`;
    const overdue = householdId === OVERDUE;
    const spec = overdue
      ? { kind: '住房' as const, promise: '危房改造（C级），年内完成加固', addresses: ['housing'] as VisitCheck[] }
      : measure;
    record(base(1) + 2 * DAY + i * 60_000, cadre, `add:${measureId}`, {
      type: 'AddMeasure',
      data: { householdId, measureId, ...spec, cadreId: cadre.id, dueOn: day(base(overdue ? 4 : 6) - DAY) },
    });
    if (overdue) return;
    const deliveredAt = base(3) + (i % 25) * DAY + 2 * HOUR;
    record(deliveredAt, cadre, `delivered:${measureId}`, {
      type: 'RecordMeasureDelivery',
      data: {
        householdId,
        measureId,
        deliveredOn: day(deliveredAt),
        evidence: ['帮扶手册记录', '户主签字确认'],
        note: '已落实',
        via: null,
      },
    });
  });

  // The county's 产业到户 fund pays 德化村's second household for two cattle; the measure is delivered through it.
  const cattle = { householdId: hh(0, 2), fundId: 'demo-antu-chanye-daohu', disbursementId: 'demo-chanye-daohu-1' };
  const owner = cadreOf(households.find((h) => h.householdId === cattle.householdId) as DemoHousehold);
  record(base(1) + 3 * DAY, office, 'fund-chanye-daohu', {
    type: 'AllocateFund',
    data: {
      fundId: cattle.fundId,
      source: '县级财政专项扶贫资金',
      amountFen: 1_600_000,
      regionCode: DEMO_VILLAGES[0].code,
      purpose: '产业发展',
      documentNumber: '安财农〔2019〕27号',
      allocatedOn: day(base(1) + 3 * DAY),
    },
  });
  record(base(1) + 3 * DAY + HOUR, owner, `add:${cattle.householdId}-2`, {
    type: 'AddMeasure',
    data: {
      householdId: cattle.householdId,
      measureId: `${cattle.householdId}-2`,
      kind: '产业',
      promise: '发放基础母牛2头，落实养殖技术指导',
      cadreId: owner.id,
      dueOn: day(base(4)),
      addresses: ['food'],
    },
  });
  record(base(2) + 8 * DAY, office, 'fund-chanye-daohu-paid', {
    type: 'DisburseFund',
    data: {
      fundId: cattle.fundId,
      disbursementId: cattle.disbursementId,
      recipient: { kind: 'household', id: cattle.householdId },
      amountFen: 1_600_000,
      voucherNumber: '安图记字第0531号',
      disbursedAt: iso(base(2) + 8 * DAY),
    },
  });
  record(base(2) + 12 * DAY, owner, `delivered:${cattle.householdId}-2`, {
    type: 'RecordMeasureDelivery',
    data: {
      householdId: cattle.householdId,
      measureId: `${cattle.householdId}-2`,
      deliveredOn: day(base(2) + 12 * DAY),
      evidence: ['基础母牛发放签收单', '耳标照片'],
      note: '母牛2头已到户',
      via: { kind: 'fund', fundId: cattle.fundId, disbursementId: cattle.disbursementId },
    },
  });
  // 德化村's fifth household: the visit of the third month found its house unsafe; its cadre answers within the month.
  const unsafe = households.find((h) => h.householdId === hh(0, 5)) as DemoHousehold;
  record(base(2) + 27 * DAY, cadreOf(unsafe), `add:${unsafe.householdId}-2`, {
    type: 'AddMeasure',
    data: {
      householdId: unsafe.householdId,
      measureId: `${unsafe.householdId}-2`,
      kind: '住房',
      promise: 'C级危房纳入当年危房改造计划，补助资金到户',
      cadreId: cadreOf(unsafe).id,
      dueOn: day(base(8)),
      addresses: ['housing'],
    },
  });
  record(base(6) + 10 * DAY, cadreOf(unsafe), `delivered:${unsafe.householdId}-2`, {
    type: 'RecordMeasureDelivery',
    data: {
      householdId: unsafe.householdId,
      measureId: `${unsafe.householdId}-2`,
      deliveredOn: day(base(6) + 10 * DAY),
      evidence: ['危房改造竣工验收单'],
      note: '加固改造完成，经验收为安全住房',
      via: null,
    },
  });
  // The overdue housing measure is handed to the village's work team leader when its cadre changes work.
  record(base(2) + 5 * DAY, office, `revise:${OVERDUE}-1`, {
    type: 'ReviseMeasure',
    data: {
      householdId: OVERDUE,
      measureId: `${OVERDUE}-1`,
      changes: { cadreId: DEMO_CADRES[15].cadreId },
      reason: '由驻村第一书记牵头落实危房改造',
    },
  });
  return actions.filter((action) => action.at < end);
}
