import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract, flipOneByte, newEvent } from '@bangfu/testing';
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
    const report = store.verifySync();
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
    const result = report.verifySync();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.break).toMatchObject({ streamId: 'household-1', revision: 0 });
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
    expect(subject.store.verifySync().ok).toBe(true);
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
});
