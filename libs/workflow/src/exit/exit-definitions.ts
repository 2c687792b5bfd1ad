import type { Role } from '@bangfu/domain';
import { DefinitionCatalog, type StepDefinition, type WorkflowDefinition } from '../definition/workflow-definition';
import { workflowDecider } from '../definition/workflow-runtime';
import { EXIT_GUARDS } from './exit-guards';

export const HOUSEHOLD_EXIT = 'household-exit';
export const VILLAGE_EXIT = 'village-exit';

/** The national rule (DOMAIN rule 7): 公示 lasts at least 7 days, whatever a definition says. */
export const NOTICE_MIN_DAYS = 7;

/** 公示: open at least 7 days; an objection during it sends the case back (to 核实, unless named). */
export function noticeStep(title: string, roles: readonly Role[], escalateTo: Role, returnTo = 'verification'): StepDefinition {
  return {
    name: 'notice',
    title,
    roles,
    evidence: 'notice',
    minDays: NOTICE_MIN_DAYS,
    deadline: { days: 12, escalateAfterDays: 5, escalateTo },
    objection: { roles: ['work-team', 'township-reviewer', 'county-admin'], returnTo },
  };
}

/** 县级审定: the county's decision; a return sends the case back (to 核实, unless named). */
export function countyApproval(returnTo = 'verification'): StepDefinition {
  return {
    name: 'county',
    title: '县级审定',
    roles: ['county-admin'],
    evidence: 'review',
    deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'leader' },
    returnTo,
  };
}

const COUNTY_APPROVAL = countyApproval();

/**
 * 贫困户退出 (DOMAIN rule 7): 入户核实 (看、查、算、访) → 民主评议 → 村内公示 → 乡镇审核 → 县级审定 →
 * 公告 and the exit mark, with the household's signed agreement.
 */
export const HOUSEHOLD_EXIT_V1: WorkflowDefinition = {
  id: HOUSEHOLD_EXIT,
  version: 1,
  title: '贫困户脱贫退出',
  subject: 'household',
  startRoles: ['work-team', 'township-reviewer', 'county-admin'],
  withdrawRoles: ['township-reviewer', 'county-admin'],
  startGuards: ['household-may-exit'],
  steps: [
    {
      name: 'verification',
      title: '入户核实',
      roles: ['work-team', 'township-reviewer'],
      evidence: 'verification',
      deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'township-reviewer' },
      guards: ['income-above-line', 'basic-needs-met'],
    },
    {
      name: 'review',
      title: '村民代表大会民主评议',
      roles: ['work-team'],
      evidence: 'vote',
      deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'township-reviewer' },
      guards: ['majority-vote'],
      returnTo: 'verification',
    },
    noticeStep('村内公示', ['work-team'], 'township-reviewer'),
    {
      name: 'township',
      title: '乡镇审核',
      roles: ['township-reviewer'],
      evidence: 'review',
      deadline: { days: 10, escalateAfterDays: 5, escalateTo: 'county-admin' },
      returnTo: 'verification',
    },
    COUNTY_APPROVAL,
    {
      name: 'announcement',
      title: '公告退出并脱贫标注',
      roles: ['county-admin', 'township-reviewer'],
      evidence: 'announcement',
      deadline: { days: 10, escalateAfterDays: 5, escalateTo: 'leader' },
      guards: ['household-agreement'],
    },
  ],
  separation: [
    { step: 'verification', actorIsNot: { fact: 'responsibleCadreId' }, code: 'SELF_VERIFICATION', reason: '核实人不得为该户的包保责任人' },
    { step: 'county', actorIsNot: { approverOf: 'township' }, code: 'SAME_REVIEWER', reason: '县级审定与乡镇审核不得为同一人' },
  ],
};

/** 贫困村出列 (DOMAIN rule 8): incidence from the registry and the province checklist (九有), then notice and the county. */
export const VILLAGE_EXIT_V1: WorkflowDefinition = {
  id: VILLAGE_EXIT,
  version: 1,
  title: '贫困村出列',
  subject: 'village',
  startRoles: ['township-reviewer', 'county-admin'],
  withdrawRoles: ['county-admin'],
  startGuards: ['village-may-exit'],
  steps: [
    {
      name: 'verification',
      title: '村级核查（贫困发生率与省定标准）',
      roles: ['township-reviewer', 'county-admin'],
      evidence: 'villageVerification',
      deadline: { days: 20, escalateAfterDays: 10, escalateTo: 'county-admin' },
      guards: ['incidence-below-limit', 'village-checklist-met'],
      returnTo: 'verification',
    },
    noticeStep('公示', ['township-reviewer', 'county-admin'], 'county-admin'),
    COUNTY_APPROVAL,
    {
      name: 'announcement',
      title: '公告出列',
      roles: ['county-admin'],
      evidence: 'review',
      deadline: { days: 10, escalateAfterDays: 5, escalateTo: 'leader' },
    },
  ],
  separation: [
    { step: 'county', actorIsNot: { approverOf: 'verification' }, code: 'SAME_REVIEWER', reason: '县级审定与村级核查不得为同一人' },
  ],
};

/** Append new versions here; never edit or remove one that has been used (instances are pinned to it). */
export const EXIT_DEFINITIONS: readonly WorkflowDefinition[] = [HOUSEHOLD_EXIT_V1, VILLAGE_EXIT_V1];

export function exitCatalog(definitions: readonly WorkflowDefinition[] = EXIT_DEFINITIONS): DefinitionCatalog {
  return new DefinitionCatalog(definitions, new Set(Object.keys(EXIT_GUARDS)));
}

export function exitDecider(catalog: DefinitionCatalog = exitCatalog()) {
  return workflowDecider(catalog, EXIT_GUARDS);
}
