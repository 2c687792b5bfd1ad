import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newEvent } from '@bangfu/testing';
import { canonicalJson } from '../chain/canonical-json';
import { eventHash } from '../chain/hash-chain';
import { stitchRanges, verifyChains } from '../chain/verify-chain';
import { verifyRange } from './parallel-verify';
import { iterateStoredEvents } from './stored-events';
import { SqliteEventStore } from './sqlite-event-store';

/** Three streams appended in turn: every stream runs across every range boundary. */
async function givenInterleavedLog(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-verify-'));
  const file = join(dir, 'events.db');
  const store = new SqliteEventStore({ file });
  for (let revision = 0; revision < 10; revision++) {
    for (const stream of ['household-1', 'household-2', 'fund-1']) {
      await store.append(stream, [newEvent('Step', { revision })], revision === 0 ? 'no_stream' : revision - 1);
    }
  }
  await store.close();
  return { dir, file };
}

/** The log verified in `parts` consecutive ranges of positions, stitched, as the worker threads do it. */
function verifyInRanges(db: Database.Database, parts: number) {
  const size = Math.ceil(30 / parts);
  const results = Array.from({ length: parts }, (_, k) =>
    verifyRange(db, { from: k === 0 ? 0 : k * size + 1, to: k === parts - 1 ? Number.MAX_SAFE_INTEGER : (k + 1) * size }),
  );
  const stitched = stitchRanges(results);
  const breaks = [stitched.break, ...results.map((r) => (r.report.ok ? undefined : r.report.break))].filter((b) => b !== undefined);
  return { events: results.reduce((sum, r) => sum + r.report.events, 0), streams: stitched.streams, break: breaks[0] };
}

describe('verify in log order, in ranges stitched together', () => {
  let dir: string;
  let db: Database.Database;
  afterEach(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an intact log, when it is verified whole or in 2, 3 or 7 ranges, then every split counts the same and holds', async () => {
    const log = await givenInterleavedLog();
    dir = log.dir;
    db = new Database(log.file, { readonly: true });
    expect(verifyChains(iterateStoredEvents(db))).toEqual({ ok: true, events: 30, streams: 3 });
    for (const parts of [2, 3, 7])
      expect([parts, verifyInRanges(db, parts)]).toEqual([parts, { events: 30, streams: 3, break: undefined }]);
  });

  it('given the first event of a range re-chained to a forged predecessor, when the ranges are stitched, then that event is named', async () => {
    // Given household-1's event at position 16 (the first of the second half) rewritten to name another prevHash,
    // with its own hash recomputed: the second range alone holds, since the event matches what it names.
    const log = await givenInterleavedLog();
    dir = log.dir;
    const writable = new Database(log.file);
    const row = writable.prepare('SELECT id, stream_id, revision, type, data, metadata FROM events WHERE position = 16').get() as {
      id: string;
      stream_id: string;
      revision: number;
      type: string;
      data: string;
      metadata: string;
    };
    const { hash: _hash, ...metadata } = { ...JSON.parse(row.metadata), prevHash: 'f'.repeat(64) };
    const bytes = Buffer.from(canonicalJson(metadata));
    const hash = eventHash({ ...row, streamId: row.stream_id, prevHash: metadata.prevHash, data: Buffer.from(row.data), metadata: bytes });
    writable.prepare('UPDATE events SET metadata = ?, hash = ? WHERE position = 16').run(bytes.toString(), hash);
    writable.close();
    db = new Database(log.file, { readonly: true });
    // When verified in two ranges, then the stitch names it; verified whole, the same event breaks.
    expect(verifyInRanges(db, 2).break).toMatchObject({ position: 16, streamId: row.stream_id, reason: /prevHash does not name/ });
    expect(verifyChains(iterateStoredEvents(db))).toMatchObject({ ok: false, break: { position: 16 } });
  });

  it('given a stream’s event removed just before a boundary, when stitched, then the next range’s entry is a revision too far', async () => {
    const log = await givenInterleavedLog();
    dir = log.dir;
    const writable = new Database(log.file);
    // household-2's revision 4 sits at position 14; the second of two ranges starts at 16 with its revision 5 at 17.
    writable.prepare('DELETE FROM events WHERE position = 14').run();
    writable.close();
    db = new Database(log.file, { readonly: true });
    expect(verifyInRanges(db, 2).break).toMatchObject({ reason: /revision 4 where 5 was expected|revision 5 where 4 was expected/ });
  });
});
