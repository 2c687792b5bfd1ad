import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** 公告公示 of a project and its funds lasts at least this long. */
export const MIN_NOTICE_DAYS = 7;

export interface ProjectApproval {
  projectId: string;
  name: string;
  regionCode: string;
  leadUnitId: string;
  budgetFen: number;
  /** Date by which it should be completed. */
  dueOn: string;
  approvedOn: string;
}

export type ProjectCommand =
  | { type: 'ApproveProject'; data: ProjectApproval }
  | { type: 'AddBeneficiaries'; data: { projectId: string; householdIds: string[]; link: string } }
  | { type: 'RecordMilestone'; data: { projectId: string; milestone: string; reachedOn: string } }
  | { type: 'CompleteProject'; data: { projectId: string; completedOn: string } }
  | { type: 'AcceptProject'; data: { projectId: string; passed: boolean; notes: string; acceptedOn: string } }
  | { type: 'PublishProjectNotice'; data: { projectId: string; from: string; days: number; content: string } };

export type ProjectEvent =
  | { type: 'ProjectApproved'; data: ProjectApproval }
  | { type: 'BeneficiariesAdded'; data: { projectId: string; regionCode: string; householdIds: string[]; link: string } }
  | { type: 'MilestoneReached'; data: { projectId: string; milestone: string; reachedOn: string } }
  | { type: 'ProjectCompleted'; data: { projectId: string; completedOn: string } }
  | {
      type: 'ProjectAccepted';
      data: { projectId: string; passed: boolean; notes: string; acceptedOn: string; acceptorId: string; acceptorUnitId: string | null };
    }
  | { type: 'ProjectNoticePublished'; data: { projectId: string; from: string; until: string; content: string } };

export type ProjectState =
  | { approved: false }
  | {
      approved: true;
      approval: ProjectApproval;
      beneficiaries: Set<string>;
      completed: boolean;
      accepted: boolean;
    };

export class ProjectNotFoundError extends DomainError {
  readonly code = 'PROJECT_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class ProjectAlreadyApprovedError extends DomainError {
  readonly code = 'PROJECT_ALREADY_APPROVED';
}
export class LeadUnitNotRegisteredError extends DomainError {
  readonly code = 'UNIT_NOT_REGISTERED';
}
export class BeneficiaryNotRegisteredError extends DomainError {
  readonly code = 'BENEFICIARY_NOT_REGISTERED';
}
export class ProjectNotCompletedError extends DomainError {
  readonly code = 'PROJECT_NOT_COMPLETED';
}
export class ProjectAlreadyCompletedError extends DomainError {
  readonly code = 'PROJECT_ALREADY_COMPLETED';
}
export class ProjectAlreadyAcceptedError extends DomainError {
  readonly code = 'PROJECT_ALREADY_ACCEPTED';
}
/** 验收 by someone outside the unit that ran the project: no one accepts their own work. */
export class AcceptorInLeadUnitError extends DomainError {
  readonly code = 'ACCEPTOR_IN_LEAD_UNIT';
}
export class NoticeTooShortError extends DomainError {
  readonly code = 'NOTICE_PERIOD_TOO_SHORT';
}

export function projectStreamId(projectId: string): string {
  return `project-${projectId}`;
}

const DAY = 86_400_000;

function requireApproved(state: ProjectState, projectId: string) {
  if (!state.approved) throw new ProjectNotFoundError(`project ${projectId} was never approved`);
  return state;
}

/** 扶贫项目: approval with its beneficiary households (带贫/利益联结), milestones, completion, 验收 and 公告公示. */
/** What the project's handler reads from other streams: the lead unit's registration, and beneficiaries not registered. */
export interface ProjectFacts {
  ApproveProject: { leadUnitRegistered: boolean };
  AddBeneficiaries: { unregistered: readonly string[] };
}

export const projectDecider: Decider<ProjectCommand, ProjectEvent, ProjectState, ProjectFacts> = {
  initialState: () => ({ approved: false }),
  evolve(state, event) {
    if (event.type === 'ProjectApproved') {
      return { approved: true, approval: event.data, beneficiaries: new Set(), completed: false, accepted: false };
    }
    if (!state.approved) return state;
    switch (event.type) {
      case 'BeneficiariesAdded':
        return { ...state, beneficiaries: new Set([...state.beneficiaries, ...event.data.householdIds]) };
      case 'ProjectCompleted':
        return { ...state, completed: true };
      case 'ProjectAccepted':
        return { ...state, accepted: event.data.passed };
      case 'MilestoneReached':
      case 'ProjectNoticePublished':
        return state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state, { actor }) {
    switch (command.type) {
      case 'ApproveProject': {
        const approval = command.data;
        const { leadUnitRegistered } = command.facts;
        if (state.approved) throw new ProjectAlreadyApprovedError(`project ${approval.projectId} is already approved`);
        if (!leadUnitRegistered)
          throw new LeadUnitNotRegisteredError(`unit ${approval.leadUnitId} is not registered`, { field: 'leadUnitId' });
        return [{ type: 'ProjectApproved', data: approval }];
      }
      case 'AddBeneficiaries': {
        const project = requireApproved(state, command.data.projectId);
        const { unregistered } = command.facts;
        if (unregistered.length > 0) {
          throw new BeneficiaryNotRegisteredError(`not registered households: ${unregistered.join(', ')}`, {
            field: 'householdIds',
          });
        }
        const added = [...new Set(command.data.householdIds)].filter((id) => !project.beneficiaries.has(id));
        if (added.length === 0) return [];
        return [
          {
            type: 'BeneficiariesAdded',
            data: {
              projectId: command.data.projectId,
              regionCode: project.approval.regionCode,
              householdIds: added,
              link: command.data.link,
            },
          },
        ];
      }
      case 'RecordMilestone':
        requireApproved(state, command.data.projectId);
        return [{ type: 'MilestoneReached', data: command.data }];
      case 'CompleteProject': {
        const project = requireApproved(state, command.data.projectId);
        if (project.completed) throw new ProjectAlreadyCompletedError(`project ${command.data.projectId} is already completed`);
        return [{ type: 'ProjectCompleted', data: command.data }];
      }
      case 'AcceptProject': {
        const project = requireApproved(state, command.data.projectId);
        if (!project.completed)
          throw new ProjectNotCompletedError(`project ${command.data.projectId} is not completed; accept it after completion`);
        if (project.accepted) throw new ProjectAlreadyAcceptedError(`project ${command.data.projectId} is already accepted`);
        if (actor.unitId !== undefined && actor.unitId === project.approval.leadUnitId) {
          throw new AcceptorInLeadUnitError(`you are in ${actor.unitId}, the project's lead unit: 验收 is done by someone outside it`);
        }
        return [{ type: 'ProjectAccepted', data: { ...command.data, acceptorId: actor.id, acceptorUnitId: actor.unitId ?? null } }];
      }
      case 'PublishProjectNotice': {
        requireApproved(state, command.data.projectId);
        if (command.data.days < MIN_NOTICE_DAYS) {
          throw new NoticeTooShortError(`公告公示 lasts at least ${MIN_NOTICE_DAYS} days`, { field: 'days' });
        }
        const { projectId, from, days, content } = command.data;
        return [
          {
            type: 'ProjectNoticePublished',
            data: { projectId, from, until: new Date(Date.parse(from) + days * DAY).toISOString(), content },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
};
