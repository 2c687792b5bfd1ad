import { assertNever, type Decider, type DecisionContext } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** A numbered item of a work plan (工作计划/工作方案), as issued. */
export interface TaskSpec {
  taskId: string;
  /** The plan it comes from (its title or document number) and the item's number in it. */
  plan: string;
  item: string;
  title: string;
  /** The division the task is for (称多县, 黔江区 …). */
  regionCode: string;
  /** 牵头领导, when the plan names one. */
  leadOfficial: string | null;
  /** 牵头单位 and 配合单位, as the plan names them. */
  leadUnit: string;
  cooperatingUnits: string[];
  target: { quantity: number; unit: string };
  /** Money the plan puts on it, in fen, if any. */
  amountFen: number | null;
  deadline: string;
  /** The plan's own words on timing (时间要求), kept as written. */
  timing: string;
}

export type TaskCommand =
  | { type: 'IssueTask'; data: TaskSpec }
  | { type: 'ReportTaskProgress'; data: { taskId: string; completed: number; note: string; evidence: string[] } }
  | { type: 'SubmitTaskCompletion'; data: { taskId: string; note: string; evidence: string[] } }
  | { type: 'VerifyTaskCompletion'; data: { taskId: string; approved: boolean; note: string } }
  | { type: 'MarkTaskOverdue'; data: { taskId: string } };

/** `at`: the act's business time (history brought in states a past one); absent on events recorded before it was kept. */
export type TaskEvent =
  | { type: 'TaskIssued'; data: TaskSpec }
  | {
      type: 'TaskProgressReported';
      data: { taskId: string; completed: number; note: string; evidence: string[]; reportedBy: string; at?: string };
    }
  | {
      type: 'TaskCompletionSubmitted';
      data: { taskId: string; note: string; evidence: string[]; submittedBy: string; onTime: boolean; at?: string };
    }
  | { type: 'TaskCompletionVerified'; data: { taskId: string; note: string; verifiedBy: string; onTime: boolean; at?: string } }
  | { type: 'TaskCompletionRejected'; data: { taskId: string; note: string; verifiedBy: string; at?: string } }
  | { type: 'TaskOverdue'; data: { taskId: string; deadline: string } };

export type TaskStatus = 'issued' | 'in_progress' | 'submitted' | 'completed';

export type TaskState =
  | { status: 'none' }
  | {
      status: TaskStatus;
      spec: TaskSpec;
      completed: number;
      submittedBy: string | null;
      submittedOnTime: boolean;
      overdue: boolean;
      /** The business time of the latest act: a later one cannot be stated before it. */
      lastActAt: string | null;
    };

export class TaskNotFoundError extends DomainError {
  readonly code = 'TASK_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class TaskAlreadyIssuedError extends DomainError {
  readonly code = 'TASK_ALREADY_ISSUED';
}
export class TaskOutOfOrderError extends DomainError {
  readonly code = 'TASK_OUT_OF_ORDER';
}
export class VerifierIsSubmitterError extends DomainError {
  readonly code = 'VERIFIER_IS_SUBMITTER';
}
export class TaskActBeforePreviousError extends DomainError {
  readonly code = 'ACT_BEFORE_PREVIOUS_STEP';
}
export class TaskActInFutureError extends DomainError {
  readonly code = 'TIME_IN_FUTURE';
  override readonly kind = 'invalid' as const;
}
export class InvalidTaskError extends DomainError {
  readonly code = 'INVALID_TASK';
  override readonly kind = 'invalid' as const;
}

export function taskStreamId(taskId: string): string {
  return `task-${taskId}`;
}

/**
 * A plan item tracked to completion: progress reports with evidence, completion submitted, then verified or
 * rejected by someone other than the submitter. A deadline passing before verified completion marks it overdue;
 * completion counts as on time when it was submitted by the deadline.
 */
export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'TaskIssued') {
      const fresh = { completed: 0, submittedBy: null, submittedOnTime: false, overdue: false, lastActAt: null };
      return { status: 'issued', spec: event.data, ...fresh };
    }
    if (state.status === 'none') return state;
    if (event.type !== 'TaskOverdue' && event.data.at) state = { ...state, lastActAt: event.data.at };
    switch (event.type) {
      case 'TaskProgressReported':
        return { ...state, status: 'in_progress', completed: event.data.completed };
      case 'TaskCompletionSubmitted':
        return { ...state, status: 'submitted', submittedBy: event.data.submittedBy, submittedOnTime: event.data.onTime };
      case 'TaskCompletionVerified':
        return { ...state, status: 'completed', completed: Math.max(state.completed, state.spec.target.quantity) };
      case 'TaskCompletionRejected':
        return { ...state, status: 'in_progress', submittedBy: null };
      case 'TaskOverdue':
        return { ...state, overdue: true };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, context) {
    if (command.type === 'IssueTask') {
      if (state.status !== 'none') throw new TaskAlreadyIssuedError(`task ${command.data.taskId} is already issued`);
      if (Number.isNaN(Date.parse(command.data.deadline))) throw new InvalidTaskError('deadline must be an instant', { field: 'deadline' });
      return [{ type: 'TaskIssued', data: command.data }];
    }
    if (state.status === 'none') throw new TaskNotFoundError(`no task ${command.data.taskId}`);
    return decideOnIssued(command, state, context);
  },
};

type Issued = Exclude<TaskState, { status: 'none' }>;

function decideOnIssued(command: Exclude<TaskCommand, { type: 'IssueTask' }>, state: Issued, context: DecisionContext): TaskEvent[] {
  const { taskId } = command.data;
  const { actor } = context;
  if (command.type === 'MarkTaskOverdue') {
    // Completion submitted by the deadline is not overdue, even while its verification is pending.
    const met = state.status === 'completed' || (state.status === 'submitted' && state.submittedOnTime);
    return met || state.overdue ? [] : [{ type: 'TaskOverdue', data: { taskId, deadline: state.spec.deadline } }];
  }
  const at = actedAt(state, context);
  const onTime = Date.parse(at) <= Date.parse(state.spec.deadline);
  switch (command.type) {
    case 'ReportTaskProgress':
      if (state.status === 'completed' || state.status === 'submitted') {
        throw new TaskOutOfOrderError(`task ${taskId} is ${state.status}: progress is reported while it is under way`);
      }
      if (command.data.completed < state.completed) {
        throw new InvalidTaskError(
          `progress is cumulative: ${command.data.completed} is less than the ${state.completed} already reported`,
          {
            field: 'completed',
          },
        );
      }
      return [{ type: 'TaskProgressReported', data: { ...command.data, reportedBy: actor.id, at } }];
    case 'SubmitTaskCompletion':
      if (state.status === 'completed' || state.status === 'submitted')
        throw new TaskOutOfOrderError(`task ${taskId} is already ${state.status}`);
      return [{ type: 'TaskCompletionSubmitted', data: { ...command.data, submittedBy: actor.id, onTime, at } }];
    case 'VerifyTaskCompletion': {
      if (state.status !== 'submitted')
        throw new TaskOutOfOrderError(`task ${taskId} is ${state.status}: there is no completion to verify`);
      if (state.submittedBy === actor.id)
        throw new VerifierIsSubmitterError('completion is verified by someone other than who submitted it');
      const { approved, note } = command.data;
      return approved
        ? [{ type: 'TaskCompletionVerified', data: { taskId, note, verifiedBy: actor.id, onTime: state.submittedOnTime, at } }]
        : [{ type: 'TaskCompletionRejected', data: { taskId, note, verifiedBy: actor.id, at } }];
    }
    default:
      return assertNever(command);
  }
}

/** The act's business time: the one the request states (history brought in), never in the future nor before the last act. */
function actedAt(state: Issued, { now, occurredAt }: DecisionContext): string {
  const at = occurredAt ?? now.toISOString();
  if (Date.parse(at) > now.getTime()) throw new TaskActInFutureError(`at ${at} is in the future`, { field: 'at' });
  if (state.lastActAt !== null && Date.parse(at) < Date.parse(state.lastActAt)) {
    throw new TaskActBeforePreviousError(`the task's last act was at ${state.lastActAt}`, { field: 'at', notBefore: state.lastActAt });
  }
  return at;
}
