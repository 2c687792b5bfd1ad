import { type VISIT_CHECKS } from '../shared/flag-names';

/** The fixed lists of 建档立卡 and of a visit, as county offices use them (../shared/DOMAIN.md). */

export const HOUSEHOLD_CATEGORIES = ['一般贫困户', '低保贫困户', '特困供养贫困户'] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];

export const POVERTY_CAUSES = [
  '因病',
  '因残',
  '因学',
  '因灾',
  '缺土地',
  '缺水',
  '缺技术',
  '缺劳力',
  '缺资金',
  '交通条件落后',
  '自身发展动力不足',
] as const;
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

export const MEMBER_RELATIONS = ['户主', '配偶', '子女', '儿媳', '女婿', '父母', '孙子女', '兄弟姐妹', '其他'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];

/**
 * 九不纳入: facts that disqualify a household from registration. A household found to have one is
 * removed with the reason and the evidence.
 */
export const EXCLUSION_REASONS = {
  PUBLIC_SERVANT: '家庭成员有财政供养人员',
  VEHICLE: '家庭拥有机动车或大型农机',
  TOWN_HOUSE: '在城镇购房或建高标准住房',
  BUSINESS: '经营企业或个体工商户',
  HIRED_LABOUR: '长期雇佣他人从事生产经营',
  PRIVATE_SCHOOLING: '子女自费出国留学或高费择校',
  AWAY_LONG: '举家外出一年以上',
  SPLIT_FOR_BENEFITS: '为享受政策拆分户口',
  REFUSED_SUPPORT: '有赡养能力而不赡养老人',
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

export const VISIT_KINDS = ['走访', '对接', '核实'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export type VisitCheck = keyof typeof VISIT_CHECKS;

export const CHECK_RESULTS = ['met', 'not_met', 'not_applicable'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export interface Finding {
  result: CheckResult;
  note?: string;
}

export type Findings = Record<VisitCheck, Finding>;
