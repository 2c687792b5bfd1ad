import { assertNever, type Actor, type Decider, type Decision, type DecisionContext } from '@bangfu/domain';
import { stepOf, type DefinitionCatalog, type StepAction, type StepDefinition, type WorkflowDefinition } from './workflow-definition';
import {
  ActBeforePreviousError,
  ActInFutureError,
  ActionNotAllowedError,
  DefinitionNotFoundError,
  EvidenceRequiredError,
  RoleNotAllowedError,
  StepNotCurrentError,
  StepTooEarlyError,
  WorkflowClosedError,
  WorkflowInProgressError,
  WorkflowNotFoundError,
  WorkflowRuleError,
} from './workflow-errors';
import {
  nextInstanceId,
  subjectOfInstance,
  type ActingPerson,
  type Facts,
  type InstanceState,
  type WorkflowCommand,
  type WorkflowEvent,
  type WorkflowFacts,
  type WorkflowState,
} from './workflow-messages';

const DAY_MS = 86_400_000;

export interface GuardContext {
  /** The approval's evidence for the step (empty for start guards). */
  evidence: Record<string, unknown>;
  /** Facts handed in with this command. */
  facts: Facts;
  /** Facts recorded when the case started. */
  startFacts: Facts;
}

/** Throws a DomainError when the check fails; may return values worth recording (per-capita income, incidence). */
export type WorkflowGuard = (context: GuardContext) => Record<string, unknown> | void;

type Command<T extends WorkflowCommand['type']> = Extract<Decision<WorkflowCommand, WorkflowFacts>, { type: T }>;

/**
 * Turns a catalog of definitions into one decider for all their instances. Every rule a definition states —
 * who acts at each step, the minimum duration, evidence, guards, where returns and objections lead,
 * separation of duties — is enforced here, from the version the instance started under.
 */
export function workflowDecider(
  catalog: DefinitionCatalog,
  guards: Readonly<Record<string, WorkflowGuard>>,
): Decider<WorkflowCommand, WorkflowEvent, WorkflowState, WorkflowFacts> {
  const runGuards = (names: readonly string[] | undefined, context: GuardContext) =>
    Object.assign({}, ...(names ?? []).map((name) => guards[name](context) ?? {})) as Record<string, unknown>;

  return {
    initialState: () => ({ instances: 0, current: null }),
    evolve: (state, event) => evolve(catalog, state, event),
    decide(command, state, context) {
      switch (command.type) {
        case 'StartWorkflow':
          return start(catalog, command, state, context, runGuards);
        case 'ActOnStep':
          return act(command, openInstance(state, command.data.instanceId), context, runGuards);
        case 'MarkStepOverdue': {
          const instance = watched(state, command.data);
          return instance && !instance.overdue ? [{ type: 'WorkflowStepOverdue', data: { ...command.data, dueAt: instance.dueAt } }] : [];
        }
        case 'EscalateStep': {
          const instance = watched(state, command.data);
          if (!instance || instance.escalated) return [];
          const step = stepOf(instance.definition, instance.step) as StepDefinition;
          const data = { ...command.data, escalateAt: instance.escalateAt, escalatedTo: step.deadline.escalateTo };
          return [{ type: 'WorkflowStepEscalated', data }];
        }
        default:
          return assertNever(command);
      }
    },
  };
}

function start(
  catalog: DefinitionCatalog,
  command: Command<'StartWorkflow'>,
  state: WorkflowState,
  { now, actor }: DecisionContext,
  runGuards: (names: readonly string[], context: GuardContext) => Record<string, unknown>,
): WorkflowEvent[] {
  const { definitionId, reason } = command.data;
  const { record: facts, regionCode } = command.facts;
  const subject = { ...command.data.subject, regionCode };
  const instanceId = nextInstanceId(subject.id, state);
  const definition = catalog.latest(definitionId);
  if (!definition) throw new DefinitionNotFoundError(`no workflow definition ${definitionId}`);
  if (state.current?.status === 'open') {
    throw new WorkflowInProgressError(`case ${state.current.instanceId} for ${subject.id} is still open at ${state.current.step}`, {
      instanceId: state.current.instanceId,
    });
  }
  if (!hasRole(actor, definition.startRoles)) {
    throw new RoleNotAllowedError(`starting ${definition.title} is for ${definition.startRoles.join(', ')}`);
  }
  const when = businessTime(command.data.at, now);
  const previousEnd = state.current?.completedAt;
  if (previousEnd && when.getTime() < Date.parse(previousEnd)) {
    throw new ActBeforePreviousError(`the previous case for ${subject.id} ended at ${previousEnd}`, {
      field: 'at',
      notBefore: previousEnd,
    });
  }
  runGuards(definition.startGuards, { evidence: {}, facts, startFacts: facts });
  const at = when.toISOString();
  return [
    {
      type: 'WorkflowStarted',
      data: { instanceId, definitionId, version: definition.version, subject, reason, facts, startedBy: person(actor), startedAt: at },
    },
    enter(instanceId, definition.steps[0], 1, when),
  ];
}

function act(
  command: Command<'ActOnStep'>,
  instance: InstanceState,
  { now, actor }: DecisionContext,
  runGuards: (names: readonly string[] | undefined, context: GuardContext) => Record<string, unknown>,
): WorkflowEvent[] {
  const { instanceId, step: stepName, action, input } = command.data;
  const { record: facts } = command.facts;
  const { definition } = instance;
  if (stepName !== instance.step) {
    throw new StepNotCurrentError(`case ${instanceId} is at ${instance.step}, not ${stepName}`, { currentStep: instance.step });
  }
  const step = stepOf(definition, stepName) as StepDefinition;
  const target = nextFor(definition, step, action, actor);
  const base = { instanceId, step: step.name, entry: instance.entry, action, actor: person(actor), enteredAt: instance.enteredAt };
  const when = businessTime(command.data.at, now);
  if (when.getTime() < Date.parse(instance.enteredAt)) {
    throw new ActBeforePreviousError(`${step.title} began at ${instance.enteredAt}: an act on it cannot be earlier`, {
      field: 'at',
      notBefore: instance.enteredAt,
    });
  }
  const at = when.toISOString();

  let computed: Record<string, unknown> = {};
  if (action === 'approve') {
    if (instance.earliestAt !== null && when.getTime() < Date.parse(instance.earliestAt)) {
      throw new StepTooEarlyError(`${step.title} lasts at least ${step.minDays} days: it can be approved from ${instance.earliestAt}`, {
        earliestAt: instance.earliestAt,
      });
    }
    checkSeparation(definition, instance, step, actor);
    const evidence = input[step.evidence];
    if (typeof evidence !== 'object' || evidence === null) {
      throw new EvidenceRequiredError(`approving ${step.title} needs \`${step.evidence}\``, { field: step.evidence });
    }
    computed = runGuards(step.guards, { evidence: evidence as Record<string, unknown>, facts, startFacts: instance.startFacts });
  } else if (action !== 'withdraw') {
    const required = action === 'object' ? 'objection' : 'reason';
    if (input[required] === undefined) throw new EvidenceRequiredError(`${action} needs \`${required}\``, { field: required });
  }

  const acted: WorkflowEvent = { type: 'WorkflowStepActed', data: { ...base, at, input, facts, computed, nextStep: target } };
  if (target !== null) return [acted, enter(instanceId, stepOf(definition, target) as StepDefinition, instance.entry + 1, when)];
  const outcome = action === 'withdraw' ? 'withdrawn' : 'passed';
  const { definitionId, version } = { definitionId: definition.id, version: definition.version };
  return [
    acted,
    {
      type: 'WorkflowCompleted',
      data: { instanceId, definitionId, version, subject: instance.subject, outcome, startedAt: instance.startedAt, at },
    },
  ];
}

/** Where the action sends the case (null: it ends), after checking the action exists here and is the actor's. */
function nextFor(definition: WorkflowDefinition, step: StepDefinition, action: StepAction, actor: Actor): string | null {
  const allowed = (roles: readonly string[]) => {
    if (!hasRole(actor, roles)) throw new RoleNotAllowedError(`${action} at ${step.title} is for ${roles.join(', ')}`, { roles });
  };
  switch (action) {
    case 'approve': {
      allowed(step.roles);
      const index = definition.steps.indexOf(step);
      return definition.steps[index + 1]?.name ?? null;
    }
    case 'return':
      if (!step.returnTo) throw new ActionNotAllowedError(`${step.title} cannot be returned`);
      allowed(step.roles);
      return step.returnTo;
    case 'object':
      if (!step.objection) throw new ActionNotAllowedError(`objections are recorded only during a notice, not at ${step.title}`);
      allowed(step.objection.roles);
      return step.objection.returnTo;
    case 'withdraw':
      allowed(definition.withdrawRoles);
      return null;
    default:
      throw new ActionNotAllowedError(`unknown action ${action}`);
  }
}

function checkSeparation(definition: WorkflowDefinition, instance: InstanceState, step: StepDefinition, actor: Actor): void {
  for (const rule of definition.separation) {
    if (rule.step !== step.name) continue;
    const excluded = 'fact' in rule.actorIsNot ? instance.startFacts[rule.actorIsNot.fact] : instance.approvers[rule.actorIsNot.approverOf];
    if (excluded !== undefined && excluded !== null && excluded === actor.id) {
      throw new WorkflowRuleError(rule.code, `${rule.reason} (${actor.id})`, { rule: rule.actorIsNot });
    }
  }
}

/** The act's business time: the one stated (history brought in), never later than now; absent, now. */
function businessTime(stated: string | undefined, now: Date): Date {
  if (stated === undefined) return now;
  const when = new Date(stated);
  if (when.getTime() > now.getTime()) throw new ActInFutureError(`at ${stated} is in the future`, { field: 'at' });
  return when;
}

function enter(instanceId: string, step: StepDefinition, entry: number, now: Date): WorkflowEvent {
  const t = now.getTime();
  const dueAt = t + step.deadline.days * DAY_MS;
  return {
    type: 'WorkflowStepEntered',
    data: {
      instanceId,
      step: step.name,
      entry,
      enteredAt: now.toISOString(),
      earliestAt: step.minDays ? new Date(t + step.minDays * DAY_MS).toISOString() : null,
      dueAt: new Date(dueAt).toISOString(),
      escalateAt: new Date(dueAt + step.deadline.escalateAfterDays * DAY_MS).toISOString(),
    },
  };
}

function openInstance(state: WorkflowState, instanceId: string): InstanceState {
  const instance = state.current;
  if (!instance || instance.instanceId !== instanceId) {
    // Only the latest case is kept in state; an earlier one of the same subject has necessarily ended.
    const earlier =
      instance && subjectOfInstance(instanceId) === instance.subject.id && Number(instanceId.split('-').at(-1)) < state.instances;
    if (earlier) throw new WorkflowClosedError(`case ${instanceId} is closed`);
    throw new WorkflowNotFoundError(`no case ${instanceId}`);
  }
  if (instance.status !== 'open') throw new WorkflowClosedError(`case ${instanceId} is closed (${instance.status})`);
  return instance;
}

/** A deadline timer acts only on the step entry it was set for: a case that moved on makes it a no-op. */
function watched(state: WorkflowState, { instanceId, step, entry }: { instanceId: string; step: string; entry: number }) {
  const instance = state.current;
  const current = instance?.instanceId === instanceId && instance.status === 'open' && instance.step === step && instance.entry === entry;
  return current ? instance : undefined;
}

function hasRole(actor: Actor, roles: readonly string[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

function person(actor: Actor): ActingPerson {
  return { id: actor.id, ...(actor.name ? { name: actor.name } : {}), roles: actor.roles };
}

function evolve(catalog: DefinitionCatalog, state: WorkflowState, event: WorkflowEvent): WorkflowState {
  if (event.type === 'WorkflowStarted') {
    const { instanceId, definitionId, version, subject, facts, startedAt } = event.data;
    const definition = catalog.version(definitionId, version);
    // Versions are never removed from the catalog; a missing one is a deployment error, loud on purpose.
    if (!definition) throw new Error(`workflow definition ${definitionId}@${version} is missing from the catalog`);
    const current: InstanceState = {
      instanceId,
      definition,
      subject,
      startFacts: facts,
      startedAt,
      status: 'open',
      step: definition.steps[0].name,
      entry: 0,
      enteredAt: startedAt,
      earliestAt: null,
      dueAt: startedAt,
      escalateAt: startedAt,
      overdue: false,
      escalated: false,
      completedAt: null,
      approvers: {},
    };
    return { instances: state.instances + 1, current };
  }
  const current = state.current;
  if (!current || current.instanceId !== event.data.instanceId) return state;
  switch (event.type) {
    case 'WorkflowStepEntered': {
      const { step, entry, enteredAt, earliestAt, dueAt, escalateAt } = event.data;
      return { ...state, current: { ...current, step, entry, enteredAt, earliestAt, dueAt, escalateAt, overdue: false, escalated: false } };
    }
    case 'WorkflowStepActed': {
      const { step, action, actor, nextStep } = event.data;
      if (action === 'approve') return { ...state, current: { ...current, approvers: { ...current.approvers, [step]: actor.id } } };
      // A return or an objection sends the case back: the steps from there on must be approved again.
      const back = nextStep === null ? [] : current.definition.steps.slice(current.definition.steps.findIndex((s) => s.name === nextStep));
      const approvers = Object.fromEntries(Object.entries(current.approvers).filter(([name]) => !back.some((s) => s.name === name)));
      return { ...state, current: { ...current, approvers } };
    }
    case 'WorkflowStepOverdue':
      return { ...state, current: { ...current, overdue: true } };
    case 'WorkflowStepEscalated':
      return { ...state, current: { ...current, escalated: true } };
    case 'WorkflowCompleted':
      return { ...state, current: { ...current, status: event.data.outcome, completedAt: event.data.at } };
    default:
      return assertNever(event);
  }
}
