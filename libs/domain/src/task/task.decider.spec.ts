import type { Actor } from '../shared/actor';
import { specFor } from '@bangfu/testing';
import { taskDecider, type TaskCommand, type TaskEvent } from './task.decider';

const issued: TaskEvent = {
  type: 'TaskIssued',
  data: {
    taskId: 't-5',
    plan: '石景山区2018年精准扶贫工作计划',
    item: '5',
    title: '开展精准助学工程',
    regionCode: '632723',
    leadOfficial: null,
    leadUnit: '区教委',
    cooperatingUnits: [],
    target: { quantity: 1, unit: '个扶贫项目' },
    amountFen: 100_000_000,
    deadline: '2026-06-30T16:00:00.000Z',
    timing: '2018年底',
  },
};
const clerk: Actor = { id: 'clerk', roles: ['county-admin'] };
const checker: Actor = { id: 'checker', roles: ['county-admin'] };
const before = new Date('2026-06-01T00:00:00.000Z');
const after = new Date('2026-07-02T00:00:00.000Z');
const submit: TaskCommand = { type: 'SubmitTaskCompletion', data: { taskId: 't-5', note: '资金已拨付', evidence: ['拨付凭证'] } };
const verify = (approved: boolean): TaskCommand => ({ type: 'VerifyTaskCompletion', data: { taskId: 't-5', approved, note: '核验' } });
const submitted = (onTime: boolean, at = (onTime ? before : after).toISOString()): TaskEvent => ({
  type: 'TaskCompletionSubmitted',
  data: { taskId: 't-5', note: '资金已拨付', evidence: ['拨付凭证'], submittedBy: 'clerk', onTime, at },
});
const spec = specFor(taskDecider);

describe('plan tasks', () => {
  it('records completion as on time when submitted by the deadline', () => {
    spec
      .given([issued])
      .when(submit, { actor: clerk, now: before })
      .then([submitted(true)]);
    spec
      .given([issued])
      .when(submit, { actor: clerk, now: after })
      .then([submitted(false)]);
  });

  it('is verified or rejected by someone other than the submitter', () => {
    spec
      .given([issued, submitted(true)])
      .when(verify(true), { actor: clerk, now: before })
      .then({ code: 'VERIFIER_IS_SUBMITTER' });
    spec
      .given([issued, submitted(true)])
      .when(verify(true), { actor: checker, now: after })
      .then([
        {
          type: 'TaskCompletionVerified',
          data: { taskId: 't-5', note: '核验', verifiedBy: 'checker', onTime: true, at: after.toISOString() },
        },
      ]);
    spec.given([issued]).when(verify(true), { actor: checker, now: after }).then({ code: 'TASK_OUT_OF_ORDER' });
  });

  it('given a completion entered later with its past time, then on time is judged by that time, never before the last act', () => {
    const june = '2026-06-20T02:00:00.000Z';
    spec
      .given([issued])
      .when(submit, { actor: clerk, now: after, occurredAt: june })
      .then([submitted(true, june)]);
    spec
      .given([issued, submitted(true, june)])
      .when(verify(true), { actor: checker, now: after, occurredAt: '2026-06-19T00:00:00.000Z' })
      .then({ code: 'ACT_BEFORE_PREVIOUS_STEP' });
    spec.given([issued]).when(submit, { actor: clerk, now: before, occurredAt: june }).then({ code: 'TIME_IN_FUTURE' });
  });

  it('takes cumulative progress, and marks overdue only what was not met by the deadline', () => {
    const progress = (completed: number): TaskCommand => ({
      type: 'ReportTaskProgress',
      data: { taskId: 't-5', completed, note: '', evidence: [] },
    });
    const reported: TaskEvent = {
      type: 'TaskProgressReported',
      data: { taskId: 't-5', completed: 1, note: '', evidence: [], reportedBy: 'clerk' },
    };
    spec.given([issued, reported]).when(progress(0), { actor: clerk, now: before }).then({ code: 'INVALID_TASK' });
    const overdue: TaskCommand = { type: 'MarkTaskOverdue', data: { taskId: 't-5' } };
    spec
      .given([issued])
      .when(overdue, { now: after })
      .then([{ type: 'TaskOverdue', data: { taskId: 't-5', deadline: '2026-06-30T16:00:00.000Z' } }]);
    spec
      .given([issued, submitted(true)])
      .when(overdue, { now: after })
      .then([]);
    spec
      .given([issued, submitted(false)])
      .when(overdue, { now: after })
      .then([{ type: 'TaskOverdue', data: { taskId: 't-5', deadline: '2026-06-30T16:00:00.000Z' } }]);
  });
});
