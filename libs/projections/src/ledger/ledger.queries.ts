import type { ReadStore } from '../store/read-store';

/** Where an event is in the log and which division it concerns, from the Merkle leaves (every event is one). */
export function leafOf(
  views: ReadStore,
  eventId: string,
): { subject_region: string | null; stream_id: string; revision: number } | undefined {
  return views.prepare('SELECT subject_region, stream_id, revision FROM merkle_leaves WHERE event_id = ?').get(eventId) as
    { subject_region: string | null; stream_id: string; revision: number } | undefined;
}

export interface SubjectLeafRow {
  position: number;
  stream_id: string;
  revision: number;
  /** The event's leaf in the Merkle tree (null while the tree has not reached it). */
  idx: number | null;
}

/** Every event about a dossier's subject whose business time is in [from, to), in log order, with its Merkle leaf. */
export function subjectLeaves(
  views: ReadStore,
  { kind, id, from, to }: { kind: string; id: string; from?: string; to?: string },
): SubjectLeafRow[] {
  return views
    .prepare(
      `SELECT s.position, s.stream_id, s.revision, l.idx FROM subject_events s LEFT JOIN merkle_leaves l ON l.position = s.position
       WHERE s.kind = ? AND s.subject_id = ? AND (? IS NULL OR s.occurred_at >= ?) AND (? IS NULL OR s.occurred_at < ?) ORDER BY s.position`,
    )
    .all(kind, id, from ?? null, from ?? null, to ?? null, to ?? null) as SubjectLeafRow[];
}
