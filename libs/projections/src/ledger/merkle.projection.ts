import { leafHash, nodeHash, type MerkleNodes } from '@bangfu/eventstore';
import type { Projection, ViewWriter } from '../projection';
import type { ReadStore } from '../store/read-store';

/**
 * The log as an RFC 6962 Merkle tree: one leaf per event in log order (its chain hash), and every complete
 * aligned subtree's root as soon as its last leaf arrives. The leaves double as the index from an event id to
 * its position and division, which findings and cases use to check the events they cite. Signing a checkpoint reads one root; a proof
 * reads O(log² n) nodes — no request ever rehashes the log.
 */
export const merkleProjection: Projection = {
  name: 'merkle',
  version: 2,
  tables: ['merkle_leaves', 'merkle_nodes'],
  // A leaf's hash lives in its row (level 0 of the tree); merkle_nodes holds the levels above it.
  schema: `
    CREATE TABLE {merkle_leaves} (
      idx INTEGER PRIMARY KEY, position INTEGER NOT NULL, event_id TEXT NOT NULL, subject_region TEXT,
      stream_id TEXT NOT NULL, revision INTEGER NOT NULL, hash BLOB NOT NULL);
    CREATE TABLE {merkle_nodes} (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;`,
  afterLoad: `
    CREATE UNIQUE INDEX {merkle_leaves}_by_position ON {merkle_leaves} (position);
    CREATE INDEX {merkle_leaves}_by_event ON {merkle_leaves} (event_id);`,
  apply(event, view) {
    const edge = rightEdge(view);
    const n = edge.size;
    let hash = leafHash(event.metadata.hash);
    view.run(
      'INSERT INTO {merkle_leaves} (idx, position, event_id, subject_region, stream_id, revision, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      n,
      event.position,
      event.id,
      event.metadata.subjectRegion ?? null,
      event.streamId,
      event.revision,
      hash,
    );
    let level = 0;
    for (let index = n; index % 2 === 1; level++, index = Math.floor(index / 2)) {
      hash = nodeHash(edge.left[level], hash);
      view.run('INSERT INTO {merkle_nodes} (level, idx, hash) VALUES (?, ?, ?)', level + 1, Math.floor(index / 2), hash);
    }
    edge.left[level] = hash;
    edge.size = n + 1;
  },
};

/**
 * The right edge of the tree a writer is filling: its size and, per level, the complete subtree there that
 * waits for a right sibling. Read from the view once per writer, then kept in memory, so an event costs its
 * inserts and no lookups. Writers live for one batch (or one rebuild), and a batch that rolls back drops its
 * writer, so an edge never outlives the rows it describes.
 */
const edges = new WeakMap<ViewWriter, { size: number; left: Buffer[] }>();

function rightEdge(view: ViewWriter): { size: number; left: Buffer[] } {
  let edge = edges.get(view);
  if (!edge) {
    // MAX on the integer primary key is one index probe; COUNT(*) would scan the table.
    const { n } = view.get<{ n: number }>('SELECT COALESCE(MAX(idx), -1) + 1 AS n FROM {merkle_leaves}') ?? { n: 0 };
    const left: Buffer[] = [];
    for (let level = 0; n >> level > 0; level++) {
      if (((n >> level) & 1) === 0) continue;
      const index = (n >> level) - 1;
      const row =
        level === 0
          ? view.get<{ hash: Buffer }>('SELECT hash FROM {merkle_leaves} WHERE idx = ?', index)
          : view.get<{ hash: Buffer }>('SELECT hash FROM {merkle_nodes} WHERE level = ? AND idx = ?', level, index);
      left[level] = row!.hash;
    }
    edges.set(view, (edge = { size: n, left }));
  }
  return edge;
}

/** The tree as the merkle view holds it. */
export class ViewMerkleNodes implements MerkleNodes {
  constructor(private readonly views: ReadStore) {}

  size(): number {
    return (this.views.prepare('SELECT COALESCE(MAX(idx), -1) + 1 AS n FROM merkle_leaves').get() as { n: number }).n;
  }

  /** The leaf index of the event at a log position, if the tree has reached it. */
  leafAt(position: number): number | undefined {
    return (this.views.prepare('SELECT idx FROM merkle_leaves WHERE position = ?').get(position) as { idx: number } | undefined)?.idx;
  }

  /** The log position of the last leaf of a tree of `size` leaves. */
  positionOf(size: number): number {
    return (this.views.prepare('SELECT position FROM merkle_leaves WHERE idx = ?').get(size - 1) as { position: number }).position;
  }

  perfect(level: number, index: number): Buffer {
    const row = (
      level === 0
        ? this.views.prepare('SELECT hash FROM merkle_leaves WHERE idx = ?').get(index)
        : this.views.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').get(level, index)
    ) as { hash: Buffer } | undefined;
    if (!row) throw new Error(`the merkle view has no complete subtree at level ${level}, index ${index}`);
    return row.hash;
  }
}
