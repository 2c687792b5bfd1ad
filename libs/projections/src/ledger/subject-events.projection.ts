import type { RecordedEvent } from '@bangfu/eventstore';
import type { Projection } from '../projection';
import { villageOfHousehold } from '@bangfu/domain';

export const DOSSIER_SUBJECTS = ['person', 'household', 'unit', 'village'] as const;
export type DossierSubject = (typeof DOSSIER_SUBJECTS)[number];

const HOUSEHOLD = /^\d{16}$/;
const VILLAGE = /^\d{12}$/;

/**
 * Which events are about whom, for dossiers: a person (who acted, or who is named as cadre, predecessor,
 * team member or first secretary), a household (its streams, and any event naming it), a unit (its stream,
 * events naming it, acts of its members) and a village (events whose division is the village or one of its
 * households, and events naming it).
 */
export const subjectEventsProjection: Projection = {
  name: 'subject-events',
  version: 2,
  tables: ['subject_events'],
  // Rows are appended in log order; the per-subject index is built once a rebuild has loaded them.
  schema: `
    CREATE TABLE {subject_events} (
      kind TEXT NOT NULL, subject_id TEXT NOT NULL, position INTEGER NOT NULL, occurred_at TEXT NOT NULL,
      stream_id TEXT NOT NULL, revision INTEGER NOT NULL);`,
  afterLoad: 'CREATE UNIQUE INDEX {subject_events}_by_subject ON {subject_events} (kind, subject_id, position);',
  apply(event, view) {
    for (const [kind, id] of subjectsOf(event)) {
      view.run(
        'INSERT OR IGNORE INTO {subject_events} VALUES (?, ?, ?, ?, ?, ?)',
        kind,
        id,
        event.position,
        event.metadata.occurredAt,
        event.streamId,
        event.revision,
      );
    }
  },
};

export function subjectsOf(event: RecordedEvent): [DossierSubject, string][] {
  const subjects = new Map<string, [DossierSubject, string]>();
  const add = (kind: DossierSubject, id: unknown) => {
    if (typeof id === 'string' && id.length > 0) subjects.set(`${kind}:${id}`, [kind, id]);
  };
  const [prefix, ...rest] = event.streamId.split('-');
  const streamKey = rest.join('-');
  if (prefix === 'household' || (prefix === 'exit' && HOUSEHOLD.test(streamKey))) add('household', streamKey);
  if (prefix === 'cadre') add('person', streamKey);
  if (prefix === 'unit') add('unit', streamKey);
  if ((prefix === 'village' || prefix === 'exit') && VILLAGE.test(streamKey)) add('village', streamKey);

  const { actor, subjectRegion } = event.metadata;
  add('person', actor.id === 'system' ? undefined : actor.id);
  add('unit', actor.unitId);
  if (subjectRegion && (VILLAGE.test(subjectRegion) || HOUSEHOLD.test(subjectRegion))) add('village', villageOfHousehold(subjectRegion));

  const data = (event.data ?? {}) as Record<string, unknown>;
  add('household', data.householdId);
  add('village', data.villageCode);
  add('unit', data.unitId);
  for (const key of ['cadreId', 'previousCadreId', 'firstSecretaryId']) add('person', data[key]);
  for (const id of Array.isArray(data.memberIds) ? data.memberIds : []) add('person', id);
  for (const handover of Array.isArray(data.handovers) ? data.handovers : []) {
    add('household', (handover as { householdId?: unknown }).householdId);
    add('person', (handover as { successorId?: unknown }).successorId);
  }
  const subject = data.subject as { kind?: string; id?: unknown } | undefined;
  if (subject?.kind === 'household') add('household', subject.id);
  if (subject?.kind === 'village') add('village', subject.id);
  if (typeof data.householdId === 'string' && HOUSEHOLD.test(data.householdId)) add('village', villageOfHousehold(data.householdId));
  return [...subjects.values()];
}
