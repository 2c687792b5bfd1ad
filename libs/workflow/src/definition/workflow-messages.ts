import type { StepAction, WorkflowDefinition } from './workflow-definition';

/** Facts the handler read from other streams and hands to the pure decider; they are recorded with the event. */
export type Facts = Readonly<Record<string, unknown>>;

export interface WorkflowSubject {
  kind: 'household' | 'village';
  id: string;
  /** The division the case belongs to (the village), for jurisdiction and the region views. */
  regionCode: string;
}

/**
 * `at`: when the act happened, for history brought in (absent: now). Never in the future, never before the
 * step it acts on was entered; a step's minimum duration (公示 ≥ 7 days) is measured in this business time.
 * A start names its subject; the case's id (`<subject>-<n>`) is the next one on the subject's stream.
 */
export type WorkflowCommand =
  | {
      type: 'StartWorkflow';
      data: { definitionId: string; subject: Omit<WorkflowSubject, 'regionCode'>; reason: string; at?: string };
    }
  | {
      type: 'ActOnStep';
      data: { instanceId: string; step: string; action: StepAction; input: Record<string, unknown>; at?: string };
    }
  | { type: 'MarkStepOverdue'; data: { instanceId: string; step: string; entry: number } }
  | { type: 'EscalateStep'; data: { instanceId: string; step: string; entry: number } };

/**
 * What the handler reads for the guards from the subject's streams (and, for a start, the division the case belongs
 * to). `record` is what the guards see and what the event records they saw.
 */
export interface WorkflowFacts {
  StartWorkflow: { regionCode: string; record: Facts };
  ActOnStep: { record: Facts };
}

export const WORKFLOW_COMMAND_TYPES = ['StartWorkflow', 'ActOnStep', 'MarkStepOverdue', 'EscalateStep'] as const;

export interface ActingPerson {
  id: string;
  name?: string;
  roles: string[];
}

export type WorkflowEvent =
  | {
      type: 'WorkflowStarted';
      data: {
        instanceId: string;
        definitionId: string;
        version: number;
        subject: WorkflowSubject;
        reason: string;
        facts: Facts;
        startedBy: ActingPerson;
        startedAt: string;
      };
    }
  | {
      type: 'WorkflowStepEntered';
      data: {
        instanceId: string;
        step: string;
        /** Counts entries into steps within the instance: a timer names the entry it watches. */
        entry: number;
        enteredAt: string;
        earliestAt: string | null;
        dueAt: string;
        escalateAt: string;
      };
    }
  | {
      type: 'WorkflowStepActed';
      data: {
        instanceId: string;
        step: string;
        entry: number;
        action: StepAction;
        actor: ActingPerson;
        enteredAt: string;
        at: string;
        input: Record<string, unknown>;
        facts: Facts;
        /** What the step's guards computed (per-capita income, incidence, vote share). */
        computed: Record<string, unknown>;
        /** Where the case goes next; null when this act ends it. */
        nextStep: string | null;
      };
    }
  | { type: 'WorkflowStepOverdue'; data: { instanceId: string; step: string; entry: number; dueAt: string } }
  | { type: 'WorkflowStepEscalated'; data: { instanceId: string; step: string; entry: number; escalateAt: string; escalatedTo: string } }
  | {
      type: 'WorkflowCompleted';
      data: {
        instanceId: string;
        definitionId: string;
        version: number;
        subject: WorkflowSubject;
        outcome: 'passed' | 'withdrawn';
        startedAt: string;
        at: string;
      };
    };

export const WORKFLOW_EVENT_TYPES: readonly WorkflowEvent['type'][] = [
  'WorkflowStarted',
  'WorkflowStepEntered',
  'WorkflowStepActed',
  'WorkflowStepOverdue',
  'WorkflowStepEscalated',
  'WorkflowCompleted',
];

export interface InstanceState {
  instanceId: string;
  definition: WorkflowDefinition;
  subject: WorkflowSubject;
  startFacts: Facts;
  startedAt: string;
  status: 'open' | 'passed' | 'withdrawn';
  step: string;
  entry: number;
  enteredAt: string;
  earliestAt: string | null;
  /** The current step's deadlines, as its WorkflowStepEntered recorded them. */
  dueAt: string;
  escalateAt: string;
  overdue: boolean;
  escalated: boolean;
  /** When the case ended (business time), null while open. */
  completedAt: string | null;
  /** Who approved each step on the way to the current one (a return clears the steps it sends back over). */
  approvers: Record<string, string>;
}

/** One stream per subject holds its cases in turn: at most one is open, so two cannot race. */
export interface WorkflowState {
  instances: number;
  current: InstanceState | null;
}

export { workflowStreamId } from '@bangfu/domain';

export function nextInstanceId(subjectId: string, state: WorkflowState): string {
  return `${subjectId}-${state.instances + 1}`;
}

/** `2224261032010001-2` → the subject `2224261032010001`. */
export function subjectOfInstance(instanceId: string): string {
  return instanceId.slice(0, instanceId.lastIndexOf('-'));
}
