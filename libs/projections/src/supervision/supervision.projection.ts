import type { FindingEvent, FlagReviewEvent, InspectionEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface FindingRow {
  finding_id: string;
  inspection_id: string | null;
  region_code: string;
  target_kind: string;
  target_id: string;
  type: string;
  severity: string;
  description: string;
  evidence: string;
  event_ids: string;
  status: string;
  round: number;
  deadline: string | null;
  responsible: string | null;
  overdue: number;
  escalated: number;
  recorded_at: string;
  recorded_by: string;
  closed_at: string | null;
}

/** Inspections with their drawn samples, findings with where their rectification stands, every step of it, and how each red flag was handled. */
export const supervisionProjection: Projection = {
  name: 'supervision',
  version: 1,
  eventTypes: [
    'InspectionSampleDrawn',
    'FlagReviewed',
    'FindingRecorded',
    'RectificationOrdered',
    'RectificationReported',
    'RectificationVerified',
    'FindingClosed',
    'RectificationReopened',
    'RectificationOverdue',
    'RectificationEscalated',
  ],
  tables: ['inspections', 'findings', 'finding_history', 'flag_reviews'],
  schema: `
    CREATE TABLE {inspections} (
      inspection_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, kind TEXT NOT NULL, purpose TEXT NOT NULL, team TEXT NOT NULL,
      seed TEXT NOT NULL, population_size INTEGER NOT NULL, population_digest TEXT NOT NULL, sample TEXT NOT NULL,
      drawn_at TEXT NOT NULL, drawn_by TEXT NOT NULL, event_id TEXT NOT NULL);
    CREATE INDEX {inspections}_by_region ON {inspections} (region_code);
    CREATE TABLE {findings} (
      finding_id TEXT PRIMARY KEY, inspection_id TEXT, region_code TEXT NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
      type TEXT NOT NULL, severity TEXT NOT NULL, description TEXT NOT NULL, evidence TEXT NOT NULL, event_ids TEXT NOT NULL,
      status TEXT NOT NULL, round INTEGER NOT NULL, deadline TEXT, responsible TEXT, overdue INTEGER NOT NULL, escalated INTEGER NOT NULL,
      recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, closed_at TEXT);
    CREATE INDEX {findings}_by_region ON {findings} (region_code, status);
    CREATE INDEX {findings}_by_target ON {findings} (target_kind, target_id);
    CREATE TABLE {finding_history} (
      finding_id TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, actor_id TEXT NOT NULL,
      data TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (finding_id, position)) WITHOUT ROWID;
    CREATE TABLE {flag_reviews} (
      flag_id TEXT PRIMARY KEY, status TEXT NOT NULL, history TEXT NOT NULL) WITHOUT ROWID;`,
  apply(event, view) {
    const e = event as unknown as FindingEvent | InspectionEvent | FlagReviewEvent;
    const at = event.metadata.recordedAt;
    if (e.type === 'InspectionSampleDrawn') {
      const d = e.data;
      view.run(
        'INSERT INTO {inspections} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        d.inspectionId,
        d.regionCode,
        d.kind,
        d.purpose,
        d.team,
        d.seed,
        d.population.length,
        d.populationDigest,
        JSON.stringify(d.sample),
        at,
        event.metadata.actor.id,
        event.id,
      );
      return;
    }
    if (e.type === 'FlagReviewed') {
      const { flagId, status, note } = e.data;
      const step = { status, note, actorId: event.metadata.actor.id, actorName: event.metadata.actor.name ?? null, at, eventId: event.id };
      const row = view.get<{ history: string }>('SELECT history FROM {flag_reviews} WHERE flag_id = ?', flagId);
      const history = [...(row ? (JSON.parse(row.history) as unknown[]) : []), step];
      view.run('INSERT OR REPLACE INTO {flag_reviews} VALUES (?, ?, ?)', flagId, status, JSON.stringify(history));
      return;
    }
    if (!event.streamId.startsWith('finding-')) return;
    const findingId = (e.data as { findingId: string }).findingId;
    view.run(
      'INSERT INTO {finding_history} VALUES (?, ?, ?, ?, ?, ?, ?)',
      findingId,
      event.position,
      e.type,
      at,
      event.metadata.actor.id,
      JSON.stringify(e.data),
      event.id,
    );
    switch (e.type) {
      case 'FindingRecorded': {
        const d = e.data;
        view.run(
          `INSERT INTO {findings} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded', 0, NULL, NULL, 0, 0, ?, ?, NULL)`,
          d.findingId,
          d.inspectionId,
          d.regionCode,
          d.target.kind,
          d.target.id,
          d.type,
          d.severity,
          d.description,
          JSON.stringify(d.evidence),
          JSON.stringify(d.eventIds),
          at,
          event.metadata.actor.id,
        );
        return;
      }
      case 'RectificationOrdered':
        view.run(
          `UPDATE {findings} SET status = 'ordered', round = ?, deadline = ?, responsible = ?, overdue = 0, escalated = 0 WHERE finding_id = ?`,
          e.data.round,
          e.data.deadline,
          e.data.responsible,
          findingId,
        );
        return;
      case 'RectificationReported':
        view.run(`UPDATE {findings} SET status = 'reported' WHERE finding_id = ?`, findingId);
        return;
      case 'FindingClosed':
        view.run(`UPDATE {findings} SET status = 'closed', closed_at = ? WHERE finding_id = ?`, at, findingId);
        return;
      case 'RectificationReopened':
        view.run(`UPDATE {findings} SET status = 'reopened' WHERE finding_id = ?`, findingId);
        return;
      case 'RectificationOverdue':
        view.run('UPDATE {findings} SET overdue = 1 WHERE finding_id = ?', findingId);
        return;
      case 'RectificationEscalated':
        view.run('UPDATE {findings} SET escalated = 1 WHERE finding_id = ?', findingId);
        return;
      default:
        return;
    }
  },
};
