import type { Role } from '@bangfu/domain';

export const STEP_ACTIONS = ['approve', 'return', 'object', 'withdraw'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Overdue after `days` in the step (the actors are reminded); escalated `escalateAfterDays` later to `escalateTo`. */
export interface StepDeadline {
  days: number;
  escalateAfterDays: number;
  escalateTo: Role;
}

export interface StepDefinition {
  /** Stable, used in routes (`/exits/{id}/steps/{name}`) and on events. */
  name: string;
  title: string;
  /** Who may approve or return at this step. */
  roles: readonly Role[];
  /** The part of an approval's input that carries this step's evidence (e.g. `verification`, `vote`). */
  evidence: string;
  /** The step cannot be approved sooner than this many days after it was entered (公示 ≥ 7 days). */
  minDays?: number;
  deadline: StepDeadline;
  /** Named checks an approval must pass; each may also compute values recorded on the event. */
  guards?: readonly string[];
  /** Where a return sends the case; no return at this step without it. */
  returnTo?: string;
  /** Who may record an objection while the step is open, and where it sends the case. */
  objection?: { roles: readonly Role[]; returnTo: string };
}

/** Separation of duties: the actor at `step` may not be the person a start fact names, or who approved another step. */
export interface SeparationRule {
  step: string;
  actorIsNot: { fact: string } | { approverOf: string };
  /** The stable refusal code (409). */
  code: string;
  reason: string;
}

/**
 * A workflow as typed data. A new version is a new object with a higher `version` added to the catalog
 * beside the old ones: an instance runs to its end on the version it started under.
 */
export interface WorkflowDefinition {
  id: string;
  version: number;
  title: string;
  subject: 'household' | 'village';
  startRoles: readonly Role[];
  withdrawRoles: readonly Role[];
  /** Named checks on the facts about the subject when a case is started. */
  startGuards: readonly string[];
  steps: readonly StepDefinition[];
  separation: readonly SeparationRule[];
}

export function stepOf(definition: WorkflowDefinition, name: string): StepDefinition | undefined {
  return definition.steps.find((step) => step.name === name);
}

/** Every version of every definition the runtime knows. Old versions stay for the instances pinned to them. */
export class DefinitionCatalog {
  private readonly byKey = new Map<string, WorkflowDefinition>();
  private readonly latestById = new Map<string, WorkflowDefinition>();

  constructor(definitions: readonly WorkflowDefinition[], knownGuards: ReadonlySet<string>) {
    for (const definition of definitions) {
      checkDefinition(definition, knownGuards);
      const key = `${definition.id}@${definition.version}`;
      if (this.byKey.has(key)) throw new Error(`workflow definition ${key} is defined twice`);
      this.byKey.set(key, definition);
      const latest = this.latestById.get(definition.id);
      if (!latest || latest.version < definition.version) this.latestById.set(definition.id, definition);
    }
  }

  latest(id: string): WorkflowDefinition | undefined {
    return this.latestById.get(id);
  }

  version(id: string, version: number): WorkflowDefinition | undefined {
    return this.byKey.get(`${id}@${version}`);
  }
}

/** A definition is code reviewed like code, but a broken one must fail at start-up, not in the middle of a case. */
function checkDefinition(definition: WorkflowDefinition, knownGuards: ReadonlySet<string>): void {
  const where = `workflow definition ${definition.id}@${definition.version}`;
  const names = new Set(definition.steps.map((step) => step.name));
  if (definition.steps.length === 0) throw new Error(`${where} has no steps`);
  if (names.size !== definition.steps.length) throw new Error(`${where} names a step twice`);
  const guards = [...definition.startGuards, ...definition.steps.flatMap((step) => step.guards ?? [])];
  for (const guard of guards) if (!knownGuards.has(guard)) throw new Error(`${where} uses unknown guard ${guard}`);
  for (const step of definition.steps) {
    for (const target of [step.returnTo, step.objection?.returnTo]) {
      if (target !== undefined && !names.has(target)) throw new Error(`${where}: step ${step.name} returns to unknown step ${target}`);
    }
    if (step.roles.length === 0) throw new Error(`${where}: nobody may act at step ${step.name}`);
  }
  for (const rule of definition.separation) {
    if (!names.has(rule.step)) throw new Error(`${where}: separation rule names unknown step ${rule.step}`);
    if ('approverOf' in rule.actorIsNot && !names.has(rule.actorIsNot.approverOf)) {
      throw new Error(`${where}: separation rule names unknown step ${rule.actorIsNot.approverOf}`);
    }
  }
}
