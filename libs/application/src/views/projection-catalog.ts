import {
  accessLogProjection,
  casesProjection,
  fundFlagsProjection,
  fundsProjection,
  eventCountsProjection,
  helpPlanProjection,
  merkleProjection,
  projectsProjection,
  regionsProjection,
  registryProjection,
  responsibilityProjection,
  subjectEventsProjection,
  supervisionProjection,
  tasksProjection,
  timelineProjection,
  visitFlagsProjection,
  visitsProjection,
  type Projection,
} from '@bangfu/projections';
import {
  cadreRecallProcess,
  dueTimersProjection,
  exitOutcomesProcess,
  exitProjection,
  rectificationDeadlinesProcess,
  taskDeadlinesProcess,
  visitObligationsProcess,
  workflowDeadlinesProcess,
  type ProcessManager,
} from '@bangfu/workflow';

/** Every read model the API serves; `bangfu rebuild` rebuilds exactly these. */
export const allProjections: readonly Projection[] = [
  dueTimersProjection,
  regionsProjection,
  accessLogProjection,
  registryProjection,
  responsibilityProjection,
  visitsProjection,
  timelineProjection,
  visitFlagsProjection,
  fundsProjection,
  fundFlagsProjection,
  projectsProjection,
  exitProjection,
  merkleProjection,
  eventCountsProjection,
  subjectEventsProjection,
  supervisionProjection,
  casesProjection,
  tasksProjection,
  helpPlanProjection,
];

/** Every process reacting to events (timers for the visit rules, …). */
export const allProcessManagers: readonly ProcessManager[] = [
  visitObligationsProcess,
  cadreRecallProcess,
  workflowDeadlinesProcess,
  exitOutcomesProcess,
  rectificationDeadlinesProcess,
  taskDeadlinesProcess,
];
