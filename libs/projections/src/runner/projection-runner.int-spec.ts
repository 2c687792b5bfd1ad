import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@bangfu/eventstore';
import { newEvent } from '@bangfu/testing';
import type { Projection } from '../projection';
import { ReadStore } from '../store/read-store';
import { ProjectionRunner, ViewsBehindError } from './projection-runner';
import { rebuildProjections } from './rebuild';

/** Counts events per stream; can be told to fail once on one event, like a bug or a crash mid-batch. */
function countingProjection(failOnce?: { position: number }): Projection {
  return {
    name: 'event_counts',
    version: 1,
    tables: ['event_counts'],
    schema: 'CREATE TABLE {event_counts} (stream_id TEXT PRIMARY KEY, n INTEGER NOT NULL)',
    apply(event, view) {
      if (failOnce && event.position === failOnce.position) {
        failOnce = undefined;
        throw new Error('projection failed half-way through a batch');
      }
      view.run('INSERT INTO {event_counts} (stream_id, n) VALUES (?, 1) ON CONFLICT(stream_id) DO UPDATE SET n = n + 1', event.streamId);
    },
  };
}

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: ReadStore;
  const counts = () =>
    Object.fromEntries(
      (views.db.prepare('SELECT stream_id, n FROM event_counts ORDER BY stream_id').all() as { stream_id: string; n: number }[]).map(
        (r) => [r.stream_id, r.n],
      ),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-views-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    views = new ReadStore(join(dir, 'views.db'));
  });
  afterEach(async () => {
    await store.close();
    views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up, follows live appends, and answers waitFor(position)', async () => {
    for (let i = 0; i < 2500; i++) await store.append(`household-${i % 5}`, [newEvent()], 'any');
    const runner = new ProjectionRunner(store, views, [countingProjection()]);
    await runner.start();
    await runner.waitFor(2500);
    expect(counts()).toEqual({ 'household-0': 500, 'household-1': 500, 'household-2': 500, 'household-3': 500, 'household-4': 500 });
    const live = await store.append('fund-1', [newEvent(), newEvent()], 'any');
    await runner.waitFor(live.position);
    expect(counts()['fund-1']).toBe(2);
    expect((await runner.health()).lag).toBe(0);
    await expect(runner.waitFor(live.position + 10, 50)).rejects.toBeInstanceOf(ViewsBehindError);
    await runner.stop();
  });

  it('applies each event exactly once when a batch fails half-way and is retried', async () => {
    for (let i = 0; i < 100; i++) await store.append(`household-${i % 2}`, [newEvent()], 'any');
    const onError = jest.fn();
    const runner = new ProjectionRunner(store, views, [countingProjection({ position: 60 })], { retryDelayMs: 10, onError });
    await runner.start();
    await runner.waitFor(100);
    expect(counts()).toEqual({ 'household-0': 50, 'household-1': 50 });
    expect(onError).toHaveBeenCalledWith('projection failed half-way through a batch');
    await runner.stop();
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    for (let i = 0; i < 30; i++) await store.append('household-1', [newEvent()], 'any');
    let runner = new ProjectionRunner(store, views, [countingProjection()]);
    await runner.start();
    await runner.waitFor(30);
    await runner.stop();
    for (let i = 0; i < 10; i++) await store.append('household-1', [newEvent()], 'any');
    runner = new ProjectionRunner(store, views, [countingProjection()]);
    await runner.start();
    await runner.waitFor(40);
    expect(counts()).toEqual({ 'household-1': 40 });
    await runner.stop();
  });

  it('rebuilds into fresh tables while the old views keep serving, then picks up what came during the swap', async () => {
    for (let i = 0; i < 50; i++) await store.append('household-1', [newEvent()], 'any');
    const runner = new ProjectionRunner(store, views, [countingProjection()]);
    await runner.start();
    await runner.waitFor(50);
    // Simulate a view damaged by a bug, then a rebuild as `bangfu rebuild` does it from another connection.
    views.db.prepare('UPDATE event_counts_g1 SET n = 999').run();
    const otherViews = new ReadStore(join(dir, 'views.db'));
    const rebuilding = rebuildProjections(store, otherViews, [countingProjection()]);
    expect(counts()).toEqual({ 'household-1': 999 }); // old generation still serves during the rebuild
    const [report] = await rebuilding;
    otherViews.close();
    expect(report).toMatchObject({ events: 50, generation: 2 });
    expect(counts()).toEqual({ 'household-1': 50 });
    const next = await store.append('household-1', [newEvent()], 'any');
    await runner.waitFor(next.position);
    expect(counts()).toEqual({ 'household-1': 51 });
    expect(views.db.prepare("SELECT name FROM sqlite_master WHERE name = 'event_counts_g1'").get()).toBeUndefined();
    await runner.stop();
  });

  it('rebuilds a projection whose version changed when it starts', async () => {
    for (let i = 0; i < 5; i++) await store.append('household-1', [newEvent()], 'any');
    const runner = new ProjectionRunner(store, views, [countingProjection()]);
    await runner.start();
    await runner.waitFor(5);
    await runner.stop();
    const v2: Projection = { ...countingProjection(), version: 2 };
    const runner2 = new ProjectionRunner(store, views, [v2]);
    await runner2.start();
    expect(views.state('event_counts')).toMatchObject({ version: 2, generation: 2, position: 5 });
    expect(counts()).toEqual({ 'household-1': 5 });
    await runner2.stop();
  });

  it('creates a view’s deferred indexes after a rebuild has loaded its rows, and at once for a new view', async () => {
    for (let i = 0; i < 20; i++) await store.append(`household-${i % 4}`, [newEvent()], 'any');
    const indexesOf = () =>
      (
        views.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'event_log_g%' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((row) => row.name);
    let seenDuringApply: string[] | undefined;
    const logged: Projection = {
      name: 'event_log',
      version: 1,
      tables: ['event_log'],
      schema: 'CREATE TABLE {event_log} (stream_id TEXT NOT NULL, position INTEGER NOT NULL)',
      afterLoad: 'CREATE UNIQUE INDEX {event_log}_by_stream ON {event_log} (stream_id, position)',
      apply(event, view) {
        seenDuringApply ??= indexesOf();
        view.run('INSERT INTO {event_log} (stream_id, position) VALUES (?, ?)', event.streamId, event.position);
      },
    };
    const runner = new ProjectionRunner(store, views, [logged]);
    await runner.start();
    await runner.waitFor(20);
    await runner.stop();
    expect(seenDuringApply).toEqual(['event_log_g1_by_stream']);
    seenDuringApply = undefined;
    const [report] = await rebuildProjections(store, views, [logged]);
    expect(report.generation).toBe(2);
    expect(seenDuringApply).toEqual(['event_log_g1_by_stream']); // the new generation is loaded without its index
    expect(indexesOf()).toEqual(['event_log_g2_by_stream']);
    const plan = views.db.prepare('EXPLAIN QUERY PLAN SELECT position FROM event_log WHERE stream_id = ?').all('household-1') as {
      detail: string;
    }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING COVERING INDEX event_log_g2_by_stream/);
    expect((views.db.prepare('SELECT COUNT(*) AS n FROM event_log WHERE stream_id = ?').get('household-1') as { n: number }).n).toBe(5);
  });
});
