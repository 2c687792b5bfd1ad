export interface Me {
  id: string;
  name: string | null;
  roles: string[];
  regionCode: string;
  regionName: string | null;
  unitId: string | null;
  unitName: string | null;
  actions: string[];
}

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  cadre: '帮扶责任人',
  'work-team': '驻村工作队',
  'township-reviewer': '乡镇审核',
  'county-admin': '县级管理',
  leader: '领导',
  inspector: '督查组',
  discipline: '纪委',
  auditor: '审计',
};

export interface HeldHousehold {
  householdId: string;
  villageCode: string;
  headName: string | null;
  since: string;
  visitsThisMonth: number;
  overdueMonths: number;
  connectBy: string | null;
  status: 'done' | 'due' | 'overdue';
}
