import type { Role } from '@bangfu/domain';

export interface DemoPersona {
  id: string;
  name: string;
  role: Role;
  regionCode: string;
  /** What the persona does in the demo, as the sign-in page says it. */
  description: string;
  unitId?: string;
}

/**
 * The demo's people, one per role (two leaders: 安图县's exits and funds, 称多县's 红黑榜), as the console's sign-in page lists them. Each acts on the demo's
 * records: the cadre holds 德化村's households, the township reviewer and county admin approve its exits.
 */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { id: 'jl-wjw-01', name: '禹露', role: 'cadre', regionCode: '220000', unitId: 'jl-wjw', description: '帮扶责任人，包保德化村贫困户' },
  { id: 'jl-wjw-13', name: '金竟超', role: 'work-team', regionCode: '220000', unitId: 'jl-wjw', description: '德化村驻村工作队员' },
  {
    id: 'demo-songjiang-town',
    name: '松江镇 审核员',
    role: 'township-reviewer',
    regionCode: '222426103',
    description: '乡镇审核：退出、走访逾期上报',
  },
  {
    id: 'demo-antu-county',
    name: '安图县扶贫办 审定员',
    role: 'county-admin',
    regionCode: '222426',
    description: '县级管理：登记、包保调整、审定',
  },
  {
    id: 'demo-antu-leader',
    name: '安图县 分管领导',
    role: 'leader',
    regionCode: '222426',
    description: '领导：退出进度、资金去向、任务进度',
  },
  {
    id: 'demo-chenduo-leader',
    name: '称多县 分管领导',
    role: 'leader',
    regionCode: '632723',
    description: '领导：石景山—称多协作计划的任务看板与红黑榜、东西部协作资金',
  },
  {
    id: 'demo-yanbian-inspector',
    name: '延边州督查组 组长',
    role: 'inspector',
    regionCode: '222400',
    description: '督查组（安图、汪清两县）：随机抽查、问题线索、整改',
  },
  { id: 'demo-antu-jw', name: '安图县纪委 审查员', role: 'discipline', regionCode: '222426', description: '纪委：问责与证据' },
  { id: 'demo-jilin-auditor', name: '吉林省审计厅 审计员', role: 'auditor', regionCode: '220000', description: '审计：账本校验与访问日志' },
];
