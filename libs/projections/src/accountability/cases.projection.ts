import type { CaseEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

/** 问责 cases with their parties and decisions. */
export const casesProjection: Projection = {
  name: 'cases',
  version: 1,
  eventTypes: ['CaseOpened', 'CaseDecisionRecorded'],
  tables: ['cases', 'case_decisions'],
  schema: `
    CREATE TABLE {cases} (
      case_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, against_kind TEXT NOT NULL, against_id TEXT NOT NULL, summary TEXT NOT NULL,
      ground_event_ids TEXT NOT NULL, grounds_at TEXT NOT NULL, parties TEXT NOT NULL, opened_at TEXT NOT NULL, opened_by TEXT NOT NULL,
      event_id TEXT NOT NULL);
    CREATE INDEX {cases}_by_region ON {cases} (region_code);
    CREATE TABLE {case_decisions} (
      case_id TEXT NOT NULL, party_id TEXT NOT NULL, decision TEXT NOT NULL, reason TEXT NOT NULL, decided_at TEXT NOT NULL,
      decided_by TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (case_id, party_id));`,
  apply(event, view) {
    const e = event as unknown as CaseEvent;
    const at = event.metadata.recordedAt;
    switch (e.type) {
      case 'CaseOpened': {
        const d = e.data;
        view.run(
          'INSERT INTO {cases} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          d.caseId,
          d.regionCode,
          d.against.kind,
          d.against.id,
          d.summary,
          JSON.stringify(d.groundEventIds),
          d.groundsAt,
          JSON.stringify(d.parties),
          at,
          event.metadata.actor.id,
          event.id,
        );
        return;
      }
      case 'CaseDecisionRecorded':
        view.run(
          'INSERT INTO {case_decisions} VALUES (?, ?, ?, ?, ?, ?, ?)',
          e.data.caseId,
          e.data.partyId,
          e.data.decision,
          e.data.reason,
          at,
          event.metadata.actor.id,
          event.id,
        );
        return;
      default:
        return;
    }
  },
};
