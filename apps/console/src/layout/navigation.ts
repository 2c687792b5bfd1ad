import type { Me } from '../api/types';
import { may } from './me';

export interface NavItem {
  path: string;
  label: string;
  /** Shown only when the access policy lets the actor's roles do this (the console never widens it). */
  show: (me: Me) => boolean;
}

const holdsHouseholds = (me: Me) => me.roles.includes('cadre') || me.roles.includes('work-team');

export const NAVIGATION: readonly NavItem[] = [
  { path: '/', label: '工作台', show: () => true },
  { path: '/my-households', label: '我的包保户', show: (me) => holdsHouseholds(me) && may(me, 'visit.record') },
  { path: '/coverage', label: '走访覆盖', show: (me) => may(me, 'visit.coverage') && !holdsHouseholds(me) },
  { path: '/office', label: '户籍与包保', show: (me) => may(me, 'household.register') || may(me, 'assignment.assign') },
  { path: '/inspections', label: '随机抽查', show: (me) => may(me, 'inspection.list') },
  { path: '/flags', label: '问题线索', show: (me) => may(me, 'flags.read') && !holdsHouseholds(me) },
  { path: '/tasks', label: '任务看板', show: (me) => may(me, 'task.board') && !holdsHouseholds(me) },
  { path: '/rankings', label: '红黑榜', show: (me) => may(me, 'task.rankings') && !holdsHouseholds(me) },
  { path: '/exits', label: '识别与退出', show: (me) => may(me, 'exit.pipeline') && !holdsHouseholds(me) },
  { path: '/funds', label: '资金去向', show: (me) => may(me, 'fund.region') && !holdsHouseholds(me) },
  { path: '/cases', label: '问责案件', show: (me) => may(me, 'case.list') },
  { path: '/trace', label: '责任回溯', show: (me) => may(me, 'cadre.record') && may(me, 'case.list') },
  { path: '/access-log', label: '访问日志', show: (me) => may(me, 'access-log.read') },
  { path: '/ledger', label: '账本与卷宗', show: (me) => may(me, 'ledger.checkpoints') },
];
