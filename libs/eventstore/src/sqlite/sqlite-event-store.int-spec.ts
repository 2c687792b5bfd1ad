import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { eventStoreContract, flipOneByte, newEvent } from '@bangfu/testing';
import { signCheckpoint, type SignedCheckpoint } from '../chain/checkpoint';
import { canonicalJson } from '../chain/canonical-json';
import { eventHash } from '../chain/hash-chain';
import { MerkleFrontier, leafHash } from '../chain/merkle';
import type { ChainBreak } from '../chain/verify-chain';
import { SqliteEventStore } from './sqlite-event-store';

function openSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-store-'));
  const file = join(dir, 'events.db');
  let store = new SqliteEventStore({ file });
  return {
    file,
    uniqueIdsAcrossStreams: true,
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new SqliteEventStore({ file });
      return store;
    },
    async verify() {
      return store.verify();
    },
    async corruptOneByte(eventId: string) {
      // A second connection, as someone with the file and the sqlite3 tool would do it.
      const db = new Database(file);
      const row = db.prepare('SELECT data FROM events WHERE id = ?').get(eventId) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE id = ?').run(flipOneByte(row.data), eventId);
      db.close();
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

eventStoreContract('sqlite', async () => openSqlite());

describe('SqliteEventStore specifics', () => {
  it('catches a removed event, even the last one of the log, by its gapless positions', async () => {
    const subject = openSqlite();
    await subject.store.append('household-1', [newEvent('A')], 'any');
    const last = await subject.store.append('household-2', [newEvent('B')], 'any');
    await subject.store.close();
    const db = new Database(subject.file);
    db.prepare('DELETE FROM events WHERE position = ?').run(last.position);
    db.close();
    const store = await subject.reopen();
    const report = await store.verify();
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.break.reason).toMatch(/position 2 is missing/);
    await subject.cleanup();
  });

  it('catches two events of a stream swapped', async () => {
    const subject = openSqlite();
    const r = await subject.store.append('household-1', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'any');
    await subject.store.close();
    const db = new Database(subject.file);
    db.exec(`UPDATE events SET revision = revision + 100 WHERE stream_id = 'household-1';
             UPDATE events SET revision = CASE revision WHEN 100 THEN 1 ELSE 0 END WHERE stream_id = 'household-1';`);
    db.close();
    const report = (await subject.reopen()) as SqliteEventStore;
    const result = await report.verify();
    expect(result.ok).toBe(false);
    // Read in log order, the first event of the log now claims revision 1 of a stream that has none before it.
    if (!result.ok) expect(result.break).toMatchObject({ streamId: 'household-1', revision: 1, position: 1, reason: /out of order/ });
    expect(r.revision).toBe(1);
    await subject.cleanup();
  });

  it('keeps positions gapless when an append inside a group is refused', async () => {
    const subject = openSqlite();
    const taken = newEvent('A');
    await subject.store.append('household-1', [taken], 'any');
    const results = await Promise.allSettled([
      subject.store.append('household-2', [newEvent('B')], 'any'),
      subject.store.append('household-3', [newEvent('C'), taken], 'any'),
      subject.store.append('household-4', [newEvent('D')], 'any'),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
      'fulfilled',
      expect.stringContaining('DuplicateEventIdError'),
      'fulfilled',
    ]);
    expect((await subject.store.readAll()).map((e) => e.position)).toEqual([1, 2, 3]);
    expect((await subject.store.verify()).ok).toBe(true);
    await subject.cleanup();
  });

  it('refuses malformed appends before touching storage', async () => {
    const subject = openSqlite();
    await expect(subject.store.append('no category', [newEvent()], 'any')).rejects.toMatchObject({ code: 'INVALID_APPEND' });
    await expect(subject.store.append('household-1', [], 'any')).rejects.toMatchObject({ code: 'INVALID_APPEND' });
    await expect(subject.store.append('household-1', [newEvent('A', { x: Number.NaN })], 'any')).rejects.toMatchObject({
      code: 'INVALID_APPEND',
    });
    await expect(subject.store.append('household-1', [{ ...newEvent(), id: 'not-a-uuid' }], 'any')).rejects.toMatchObject({
      code: 'INVALID_APPEND',
    });
    expect(await subject.store.headPosition()).toBe(0);
    await subject.cleanup();
  });

  /** Given a store holding a few events in three streams, and a way to change its file behind its back. */
  async function givenEvents() {
    const subject = openSqlite();
    await subject.store.append('household-1', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'any');
    await subject.store.append('fund-1', [{ ...newEvent('C'), metadata: { ...newEvent().metadata, subjectRegion: '222426' } }], 'any');
    await subject.store.append('household-2', [newEvent('D')], 'any');
    await subject.store.close();
    const tamper = async (sql: string) => {
      const db = new Database(subject.file);
      db.exec(sql);
      db.close();
      return (await subject.reopen()).verify();
    };
    return { subject, tamper };
  }

  const breakOf = (report: Awaited<ReturnType<SqliteEventStore['verify']>>): ChainBreak | undefined =>
    report.ok ? undefined : report.break;

  it('catches two events of a stream swapped in log order, their revisions kept', async () => {
    const { subject, tamper } = await givenEvents();
    // Positions 1 and 2 hold household-1's revisions 0 and 1: exchange them.
    const report = await tamper(
      'UPDATE events SET position = 100 WHERE position = 1; UPDATE events SET position = 1 WHERE position = 2; UPDATE events SET position = 2 WHERE position = 100',
    );
    // In log order the stream's revision 1 now comes first: named at position 1, before its revision 0.
    expect(breakOf(report)).toMatchObject({ streamId: 'household-1', position: 1, reason: expect.stringMatching(/out of order/) });
    await subject.cleanup();
  });

  it.each([
    ['an id', `UPDATE events SET id = '00000000-0000-4000-8000-000000000000' WHERE position = 4`, /id were changed/],
    ['a region', `UPDATE events SET region = '610728' WHERE position = 3`, /region column 610728/],
    ['a region where there was none', `UPDATE events SET region = '22' WHERE position = 4`, /region column 22/],
    ['a category', `UPDATE events SET category = 'visit' WHERE position = 3`, /category column "visit"/],
  ])('binds the stored columns to the hash: %s changed is named', async (_, sql, reason) => {
    const { subject, tamper } = await givenEvents();
    expect(breakOf(await tamper(sql))).toMatchObject({ reason: expect.stringMatching(reason) });
    await subject.cleanup();
  });

  it('names the gap, not an intact later event, when the last event of a stream is removed', async () => {
    const { subject, tamper } = await givenEvents();
    const broken = breakOf(await tamper('DELETE FROM events WHERE position = 2'));
    expect(broken).toEqual({
      position: 2,
      reason: expect.stringMatching(/position 2 is missing .*removed between household-1 revision 0 and fund-1 revision 0/),
    });
    await subject.cleanup();
  });

  describe('signed checkpoints', () => {
    const key = generateKeyPairSync('ed25519');
    const sign = async (store: SqliteEventStore, treeSize?: number): Promise<SignedCheckpoint> => {
      const events = (await store.readAll()).slice(0, treeSize);
      const frontier = new MerkleFrontier();
      for (const event of events) frontier.append(leafHash(event.metadata.hash));
      const fields = { treeSize: events.length, root: frontier.root().toString('hex'), lastPosition: events.at(-1)?.position ?? 0 };
      return signCheckpoint({ ...fields, signedAt: '2026-12-01T00:00:00.000Z' }, key.privateKey);
    };

    it('catches a rewrite of covered events whose chain hashes were recomputed, naming the checkpoint', async () => {
      const { subject } = await givenEvents();
      const checkpoint = await sign(await subject.reopen());
      await subject.store.close();
      // The attacker changes household-2's only event and recomputes its hash: every chain still holds.
      const db = new Database(subject.file);
      const row = db.prepare('SELECT id, metadata FROM events WHERE position = 4').get() as { id: string; metadata: string };
      const data = Buffer.from(canonicalJson({ n: 999 }));
      const hash = eventHash({
        prevHash: '0'.repeat(64),
        id: row.id,
        streamId: 'household-2',
        revision: 0,
        type: 'D',
        data,
        metadata: Buffer.from(row.metadata),
      });
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = 4').run(data.toString(), hash);
      db.close();
      const store = await subject.reopen();
      expect((await store.verify()).ok).toBe(true);
      const report = await store.verify({ checkpoints: [checkpoint], publicKey: key.publicKey });
      expect(breakOf(report)).toMatchObject({ checkpoint: { treeSize: 4 }, reason: expect.stringMatching(/not the signed .* \(a fork\)/) });
      await subject.cleanup();
    });

    it('counts the checkpoints that match, and refuses one whose signature or key is wrong', async () => {
      const { subject } = await givenEvents();
      const store = await subject.reopen();
      const [two, four] = [await sign(store, 2), await sign(store)];
      expect(await store.verify({ checkpoints: [four, two], publicKey: key.publicKey })).toMatchObject({ ok: true, checkpoints: 2 });
      const altered = { ...four, root: two.root };
      expect(breakOf(await store.verify({ checkpoints: [altered], publicKey: key.publicKey }))?.reason).toMatch(
        /signature does not verify/,
      );
      const other = generateKeyPairSync('ed25519').publicKey;
      expect(breakOf(await store.verify({ checkpoints: [four], publicKey: other }))?.reason).toMatch(/signed with key/);
      expect(breakOf(await store.verify({ checkpoints: [four] }))?.reason).toMatch(/no public key/);
      await subject.cleanup();
    });

    it('names a rollback: the log cut back behind a checkpoint a reviewer holds', async () => {
      const { subject } = await givenEvents();
      const held = await sign(await subject.reopen());
      await subject.store.close();
      // Truncated as a restore from an old backup would leave it: the sequence goes back too.
      const db = new Database(subject.file);
      db.exec("DELETE FROM events WHERE position > 2; UPDATE sqlite_sequence SET seq = 2 WHERE name = 'events'");
      db.close();
      const store = await subject.reopen();
      expect((await store.verify()).ok).toBe(true);
      const report = await store.verify({ checkpoints: [held], publicKey: key.publicKey });
      expect(breakOf(report)?.reason).toMatch(/covers 4 events but the log holds 2: the log was rolled back/);
      await subject.cleanup();
    });
  });
});
