import { addMonths, codesUnder, regionPrefix, type ExitAssessmentEvent, type ExitStandardEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import {
  flagTableSql,
  raise,
  recordResponsibility,
  RESPONSIBILITY_EVENT_TYPES,
  responsibilityTableSql,
  type NewFlag,
  type Projection,
  type ReadStore,
  type ViewWriter,
} from '@bangfu/projections';
import { WORKFLOW_EVENT_TYPES, type WorkflowEvent } from '../definition/workflow-messages';
import { HOUSEHOLD_EXIT, NOTICE_MIN_DAYS } from './exit-definitions';
import type { HouseholdStartFacts, HouseholdStepFacts } from './exit-facts';
import { EXIT_HOLDERS, judgeSelfVerification } from './self-verification';

const DAY_MS = 86_400_000;

export interface ExitInstanceRow {
  exit_id: string;
  definition_id: string;
  version: number;
  subject_kind: 'household' | 'village';
  subject_id: string;
  village_code: string;
  status: 'open' | 'passed' | 'withdrawn';
  step: string;
  entered_at: string;
  due_at: string;
  escalate_at: string;
  overdue: number;
  escalated: number;
  started_at: string;
  started_by: string;
  completed_at: string | null;
  per_capita_fen: number | null;
  reason: string;
  facts: string;
}

export interface ExitStepRow {
  exit_id: string;
  seq: number;
  step: string;
  entry: number;
  action: string;
  actor_id: string;
  actor_name: string | null;
  entered_at: string;
  at: string;
  duration_ms: number;
  input: string;
  computed: string;
  next_step: string | null;
  event_id: string;
  facts: string;
}

/**
 * Exit cases for the views users work from: each case with its current step and deadlines, every act on
 * it (who, when, how long the step took, the evidence), and the red flags read off the record as it is
 * written (NOTICE_TOO_SHORT, EXIT_WITHOUT_RECENT_VISITS, EXIT_BELOW_INCOME_LINE).
 */
export const exitProjection: Projection = {
  name: 'exits',
  // v2: the current step's entry number, so a go-live can set the deadline timers onboarding held back.
  // v3: each step keeps the facts it was decided on (the household's help plan at 入户核实).
  // v4: SELF_VERIFICATION kept as a flag (judged on each approval and each change of who held the household);
  //     flags indexed newest first.
  // v5: the pipeline's counts read from indexes alone (the rows carry each case's facts and are wide).
  version: 5,
  eventTypes: [
    ...WORKFLOW_EVENT_TYPES,
    ...RESPONSIBILITY_EVENT_TYPES,
    'ExitStandardAdopted',
    'RuralPopulationRecorded',
    'ExitSpotCheckRecorded',
    'SatisfactionSurveyRecorded',
  ],
  tables: ['exit_instances', 'exit_steps', 'exit_flags', 'exit_figures', EXIT_HOLDERS],
  schema: `
    CREATE TABLE {exit_instances} (
      exit_id TEXT PRIMARY KEY, definition_id TEXT NOT NULL, version INTEGER NOT NULL, subject_kind TEXT NOT NULL,
      subject_id TEXT NOT NULL, village_code TEXT NOT NULL, status TEXT NOT NULL, step TEXT NOT NULL, entered_at TEXT NOT NULL,
      due_at TEXT NOT NULL, escalate_at TEXT NOT NULL, overdue INTEGER NOT NULL, escalated INTEGER NOT NULL,
      started_at TEXT NOT NULL, started_by TEXT NOT NULL, completed_at TEXT, per_capita_fen INTEGER, reason TEXT NOT NULL,
      facts TEXT NOT NULL, started_event_id TEXT NOT NULL, verification_event_id TEXT, entry INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX {exit_instances}_by_village ON {exit_instances} (village_code, definition_id, status, step, due_at, escalated);
    CREATE INDEX {exit_instances}_by_subject ON {exit_instances} (subject_id, started_at);
    CREATE TABLE {exit_steps} (
      exit_id TEXT NOT NULL, seq INTEGER NOT NULL, step TEXT NOT NULL, entry INTEGER NOT NULL, action TEXT NOT NULL,
      actor_id TEXT NOT NULL, actor_name TEXT, entered_at TEXT NOT NULL, at TEXT NOT NULL, duration_ms INTEGER NOT NULL,
      input TEXT NOT NULL, computed TEXT NOT NULL, next_step TEXT, event_id TEXT NOT NULL, facts TEXT NOT NULL,
      PRIMARY KEY (exit_id, seq));
    CREATE INDEX {exit_steps}_reached ON {exit_steps} (exit_id, step);
    ${flagTableSql('exit_flags')}
    CREATE TABLE {exit_figures} (
      kind TEXT NOT NULL, region_code TEXT NOT NULL, figure_id TEXT NOT NULL, data TEXT NOT NULL, position INTEGER NOT NULL,
      PRIMARY KEY (kind, region_code, figure_id));
    ${responsibilityTableSql(EXIT_HOLDERS)}`,
  apply(event, view) {
    const e = event as unknown as WorkflowEvent | ExitStandardEvent | ExitAssessmentEvent;
    switch (e.type) {
      case 'WorkflowStarted': {
        const { instanceId, definitionId, version, subject, reason, facts, startedBy, startedAt } = e.data;
        view.run(
          `INSERT INTO {exit_instances} VALUES (?, ?, ?, ?, ?, ?, 'open', '', ?, ?, ?, 0, 0, ?, ?, NULL, NULL, ?, ?, ?, NULL, 0)`,
          instanceId,
          definitionId,
          version,
          subject.kind,
          subject.id,
          subject.regionCode,
          startedAt,
          startedAt,
          startedAt,
          startedAt,
          startedBy.id,
          reason,
          JSON.stringify(facts),
          event.id,
        );
        if (definitionId === HOUSEHOLD_EXIT) flagStaleVisits(view, event, facts as unknown as HouseholdStartFacts);
        return;
      }
      case 'WorkflowStepEntered': {
        const { instanceId, step, entry, enteredAt, dueAt, escalateAt } = e.data;
        view.run(
          `UPDATE {exit_instances} SET step = ?, entry = ?, entered_at = ?, due_at = ?, escalate_at = ?, overdue = 0, escalated = 0
           WHERE exit_id = ?`,
          step,
          entry,
          enteredAt,
          dueAt,
          escalateAt,
          instanceId,
        );
        return;
      }
      case 'WorkflowStepActed': {
        recordAct(view, event, e.data);
        if (e.data.step !== 'verification' || e.data.action !== 'approve') return;
        const subject = view.get<{ subject_id: string }>(
          'SELECT subject_id FROM {exit_instances} WHERE exit_id = ? AND definition_id = ?',
          e.data.instanceId,
          HOUSEHOLD_EXIT,
        );
        if (subject) judgeSelfVerification(view, event, subject.subject_id);
        return;
      }
      case 'WorkflowStepOverdue':
      case 'WorkflowStepEscalated': {
        const overdue = e.type === 'WorkflowStepOverdue';
        view.run(`UPDATE {exit_instances} SET ${overdue ? 'overdue' : 'escalated'} = 1 WHERE exit_id = ?`, e.data.instanceId);
        const at = overdue ? e.data.dueAt : (e.data as { escalateAt: string }).escalateAt;
        const row = view.get<{ entered_at: string }>('SELECT entered_at FROM {exit_instances} WHERE exit_id = ?', e.data.instanceId);
        const details = overdue ? {} : { escalatedTo: (e.data as { escalatedTo: string }).escalatedTo };
        insertStep(view, e.data.instanceId, {
          step: e.data.step,
          entry: e.data.entry,
          action: overdue ? 'overdue' : 'escalated',
          actor: { id: 'system', name: 'bangfu' },
          enteredAt: row?.entered_at ?? at,
          at,
          input: details,
          computed: {},
          nextStep: e.data.step,
          eventId: event.id,
        });
        return;
      }
      case 'WorkflowCompleted':
        view.run(
          `UPDATE {exit_instances} SET status = ?, completed_at = ?, step = '' WHERE exit_id = ?`,
          e.data.outcome,
          e.data.at,
          e.data.instanceId,
        );
        return;
      case 'ExitStandardAdopted':
        return putFigure(view, event, 'standard', e.data.regionCode, String(e.data.version), e.data);
      case 'RuralPopulationRecorded':
        return putFigure(view, event, 'population', e.data.regionCode, e.data.regionCode, e.data);
      case 'ExitSpotCheckRecorded':
        return putFigure(view, event, 'spot-check', e.data.regionCode, e.data.checkId, e.data);
      case 'SatisfactionSurveyRecorded':
        return putFigure(view, event, 'survey', e.data.regionCode, e.data.surveyId, e.data);
      default: {
        const householdId = recordResponsibility(view, event, EXIT_HOLDERS);
        if (householdId) judgeSelfVerification(view, event, householdId);
        return;
      }
    }
  },
};

/** The figures 摘帽 is judged on, kept as recorded: standards by version, the latest population, every check and survey. */
function putFigure(view: ViewWriter, event: RecordedEvent, kind: string, regionCode: string, figureId: string, data: object): void {
  view.run(
    'INSERT OR REPLACE INTO {exit_figures} VALUES (?, ?, ?, ?, ?)',
    kind,
    regionCode,
    figureId,
    JSON.stringify(data),
    event.position,
  );
}

function recordAct(view: ViewWriter, event: RecordedEvent, act: Extract<WorkflowEvent, { type: 'WorkflowStepActed' }>['data']): void {
  const { instanceId, step, action, at, enteredAt, computed, nextStep } = act;
  insertStep(view, instanceId, { ...act, eventId: event.id });
  if (typeof computed.perCapitaIncomeFen === 'number') {
    view.run(
      `UPDATE {exit_instances} SET per_capita_fen = ?, verification_event_id = ? WHERE exit_id = ?`,
      computed.perCapitaIncomeFen,
      event.id,
      instanceId,
    );
  }
  if (action !== 'approve') return;
  const instance = view.get<ExitInstanceRow & { verification_event_id: string | null; started_event_id: string }>(
    'SELECT * FROM {exit_instances} WHERE exit_id = ?',
    instanceId,
  );
  if (!instance) return;
  const base = { householdId: instance.subject_kind === 'household' ? instance.subject_id : null, villageCode: instance.village_code };
  if (step === 'notice' && Date.parse(at) - Date.parse(enteredAt) < NOTICE_MIN_DAYS * DAY_MS) {
    const days = Math.round(((Date.parse(at) - Date.parse(enteredAt)) / DAY_MS) * 10) / 10;
    insertFlag(view, event, {
      ...base,
      type: 'NOTICE_TOO_SHORT',
      occurredAt: at,
      cadreId: act.actor.id,
      details: { exitId: instanceId, days, minimumDays: NOTICE_MIN_DAYS, from: enteredAt },
      eventIds: [event.id],
    });
  }
  // The line a household exits under is the one in force when the exit is announced, not when it was verified.
  const line = (act.facts as unknown as Partial<HouseholdStepFacts>).incomeLine;
  if (
    nextStep === null &&
    instance.definition_id === HOUSEHOLD_EXIT &&
    line &&
    instance.per_capita_fen !== null &&
    instance.per_capita_fen <= line.fen
  ) {
    insertFlag(view, event, {
      ...base,
      type: 'EXIT_BELOW_INCOME_LINE',
      occurredAt: at,
      cadreId: null,
      details: {
        exitId: instanceId,
        perCapitaIncomeFen: instance.per_capita_fen,
        incomeLineFen: line.fen,
        lineRegion: line.regionCode,
        lineVersion: line.version,
      },
      eventIds: [instance.verification_event_id ?? instance.started_event_id, event.id],
    });
  }
}

/** No visit by the responsible cadre in the three months before the exit was proposed. */
function flagStaleVisits(view: ViewWriter, event: RecordedEvent, facts: HouseholdStartFacts): void {
  const { instanceId, subject, startedAt } = (event as unknown as Extract<WorkflowEvent, { type: 'WorkflowStarted' }>).data;
  const since = addMonths(startedAt, -3);
  if (facts.lastVisitByResponsibleAt !== null && facts.lastVisitByResponsibleAt >= since) return;
  insertFlag(view, event, {
    type: 'EXIT_WITHOUT_RECENT_VISITS',
    householdId: subject.id,
    villageCode: subject.regionCode,
    cadreId: facts.responsibleCadreId,
    occurredAt: startedAt,
    details: { exitId: instanceId, lastVisitByResponsibleAt: facts.lastVisitByResponsibleAt, since },
    eventIds: [event.id],
  });
}

interface StepInsert {
  step: string;
  entry: number;
  action: string;
  actor: { id: string; name?: string };
  enteredAt: string;
  at: string;
  input: Record<string, unknown>;
  computed: Record<string, unknown>;
  nextStep: string | null;
  eventId: string;
  /** What the step was decided on, as read from the record (the household's plan among it); none for a deadline. */
  facts?: object;
}

function insertStep(view: ViewWriter, exitId: string, s: StepInsert): void {
  const { n } = view.get<{ n: number }>('SELECT COUNT(*) AS n FROM {exit_steps} WHERE exit_id = ?', exitId) ?? { n: 0 };
  view.run(
    'INSERT INTO {exit_steps} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    exitId,
    n + 1,
    s.step,
    s.entry,
    s.action,
    s.actor.id,
    s.actor.name ?? null,
    s.enteredAt,
    s.at,
    Date.parse(s.at) - Date.parse(s.enteredAt),
    JSON.stringify(s.input),
    JSON.stringify(s.computed),
    s.nextStep,
    s.eventId,
    JSON.stringify(s.facts ?? {}),
  );
}

/** An exit flag, one per kind and event: its id is the kind and the raising event's. */
function insertFlag(view: ViewWriter, event: RecordedEvent, flag: Omit<NewFlag, 'flagId'> & { eventIds: string[] }): void {
  raise(view, event, { ...flag, flagId: `${flag.type}:${event.id}` }, 'exit_flags');
}

/** The open cases in a division whose current step began at or after an instant, with that step's deadlines. */
export function openCasesEnteredSince(
  views: ReadStore,
  code: string,
  since: string,
): { exitId: string; step: string; entry: number; dueAt: string; escalateAt: string }[] {
  return views
    .prepare(
      `SELECT exit_id AS exitId, step, entry, due_at AS dueAt, escalate_at AS escalateAt FROM exit_instances
       WHERE village_code >= ? AND village_code < ? AND status = 'open' AND entered_at >= ? ORDER BY exit_id`,
    )
    .all(...codesUnder(regionPrefix(code)), since) as { exitId: string; step: string; entry: number; dueAt: string; escalateAt: string }[];
}
