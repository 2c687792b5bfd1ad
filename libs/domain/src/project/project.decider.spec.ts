import { specFor } from '@bangfu/testing';
import type { Actor } from '../shared/actor';
import type { Decision } from '../shared/decider';
import { projectDecider, type ProjectApproval, type ProjectCommand, type ProjectEvent, type ProjectFacts } from './project.decider';

const spec = specFor(projectDecider);
type Decided = Decision<ProjectCommand, ProjectFacts>;
const P = 'pandao-youfang';
const approval: ProjectApproval = {
  projectId: P,
  name: '盘道村笨榨油坊',
  regionCode: '222426103202',
  leadUnitId: 'antu-nyj',
  budgetFen: 50_000_000,
  dueOn: '2026-06-30',
  approvedOn: '2026-01-05',
};
const approved: ProjectEvent = { type: 'ProjectApproved', data: approval };
const completed: ProjectEvent = { type: 'ProjectCompleted', data: { projectId: P, completedOn: '2026-05-20' } };
const beneficiaries = (householdIds: string[], unregistered: string[] = []): Decided => ({
  type: 'AddBeneficiaries',
  data: { projectId: P, householdIds, link: '入股分红' },
  facts: { unregistered },
});
const accept: Decided = { type: 'AcceptProject', data: { projectId: P, passed: true, notes: '合格', acceptedOn: '2026-05-25' } };
const outsider: Actor = { id: 'ys1', roles: ['county-admin'], unitId: 'antu-czj' };

describe('project decider', () => {
  it('approves a project whose lead unit is registered, once', () => {
    spec
      .given([])
      .when({ type: 'ApproveProject', data: approval, facts: { leadUnitRegistered: true } })
      .then([approved]);
    spec
      .given([approved])
      .when({ type: 'ApproveProject', data: approval, facts: { leadUnitRegistered: true } })
      .then({ code: 'PROJECT_ALREADY_APPROVED' });
    spec
      .given([])
      .when({ type: 'ApproveProject', data: approval, facts: { leadUnitRegistered: false } })
      .then({ code: 'UNIT_NOT_REGISTERED' });
  });

  it('adds each registered household once, with the division for the fund views', () => {
    spec
      .given([approved])
      .when(beneficiaries(['h1', 'h2', 'h1']))
      .then([
        { type: 'BeneficiariesAdded', data: { projectId: P, regionCode: '222426103202', householdIds: ['h1', 'h2'], link: '入股分红' } },
      ]);
    const added: ProjectEvent = {
      type: 'BeneficiariesAdded',
      data: { projectId: P, regionCode: '222426103202', householdIds: ['h1'], link: '入股分红' },
    };
    spec
      .given([approved, added])
      .when(beneficiaries(['h1']))
      .then([]);
  });

  it('refuses a household not registered, and any act on a project never approved', () => {
    spec
      .given([approved])
      .when(beneficiaries(['h9'], ['h9']))
      .then({ code: 'BENEFICIARY_NOT_REGISTERED' });
    spec
      .given([])
      .when({ type: 'CompleteProject', data: { projectId: P, completedOn: '2026-05-20' } })
      .then({ code: 'PROJECT_NOT_FOUND' });
  });

  it('accepts (验收) a completed project by someone outside its lead unit, once', () => {
    spec
      .given([approved, completed])
      .when(accept, { actor: outsider })
      .then([{ type: 'ProjectAccepted', data: { ...accept.data, acceptorId: 'ys1', acceptorUnitId: 'antu-czj' } }]);
    spec.given([approved]).when(accept, { actor: outsider }).then({ code: 'PROJECT_NOT_COMPLETED' });
    spec
      .given([approved, completed])
      .when(accept, { actor: { ...outsider, unitId: 'antu-nyj' } })
      .then({ code: 'ACCEPTOR_IN_LEAD_UNIT' });
  });

  it('publishes a notice of at least seven days, ending when its days run out', () => {
    const notice = (days: number): Decided => ({
      type: 'PublishProjectNotice',
      data: { projectId: P, from: '2026-01-06T00:00:00.000Z', days, content: '项目及资金公告' },
    });
    spec
      .given([approved])
      .when(notice(7))
      .then([
        {
          type: 'ProjectNoticePublished',
          data: { projectId: P, from: '2026-01-06T00:00:00.000Z', until: '2026-01-13T00:00:00.000Z', content: '项目及资金公告' },
        },
      ]);
    spec.given([approved]).when(notice(6)).then({ code: 'NOTICE_PERIOD_TOO_SHORT' });
  });
});
