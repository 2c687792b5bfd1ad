import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@bangfu/eventstore';
import { ReadStore, handles, type ViewWriter } from '@bangfu/projections';
import { allProjections, loadConfig } from '@bangfu/application';
import { loadDemoIfEmpty } from '../demo/load-demo';

/**
 * A rebuild loads each view's rows before it builds the indexes its `afterLoad` names, so a statement `apply` runs
 * that needs one of those indexes reads the whole table for every event: quadratic in the log. Given the demo's
 * year applied as a rebuild applies it, every statement each projection ran is explained by SQLite, and none may
 * scan a table whole.
 */
/** A plan step that reads every row: a scan, a search with no index to search by, or an index built for the statement. */
// A json_each "VIRTUAL TABLE" is one row's JSON array (a measure's addressed checks), not a table.
const READS_WHOLE_TABLE = /^SCAN (?!CONSTANT ROW|\S+ VIRTUAL TABLE)|^SEARCH \S+$|AUTOMATIC/;

/** Statements whose bare SEARCH is SQLite's min/max optimisation on the table's integer key (one row read), by view. */
const ONE_ROW_BY_KEY: Record<string, RegExp> = { merkle: /^SELECT COALESCE\(MAX\(idx\), -1\) \+ 1 AS n FROM / };

describe('the statements projections run while a rebuild loads them', () => {
  let dir: string;
  let events: RecordedEvent[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-rebuild-plans-'));
    await loadDemoIfEmpty(loadConfig({ BANGFU_DATA_DIR: dir, BANGFU_JWT_SECRET: 'rebuild-plans', BANGFU_LOG: 'false' }));
    const store = new SqliteEventStore({ file: join(dir, 'events.db') });
    events = await store.readAll({ fromPosition: 0, maxCount: 100_000 });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies a log with every kind of visit work', () => {
    expect(events.filter((event) => event.type === 'VisitOverdue').length).toBeGreaterThan(10);
  });

  for (const projection of allProjections) {
    it(`${projection.name}: finds what it reads through a key, never by scanning a table`, () => {
      // Given a fresh generation as a rebuild makes it (its afterLoad indexes not built yet).
      const views = new ReadStore(join(dir, `${projection.name}.db`));
      views.createGeneration(projection, 1, { finish: false });
      const writer = views.writer(projection, 1);
      const ran = new Map<string, unknown[]>();
      const recording: ViewWriter = {
        run: (sql, ...params) => (ran.set(sql, params), writer.run(sql, ...params)),
        get: (sql, ...params) => (ran.set(sql, params), writer.get(sql, ...params)),
        all: (sql, ...params) => (ran.set(sql, params), writer.all(sql, ...params)),
      };
      // When the demo's events are applied.
      views.db.transaction(() => {
        for (const event of events) if (handles(projection, event.type)) projection.apply(event, recording);
      })();
      // Then no statement's plan reads a whole table.
      const scans = [...ran]
        .filter(([sql]) => !ONE_ROW_BY_KEY[projection.name]?.test(sql.replace(/\s+/g, ' ').trim()))
        .flatMap(([sql, params]) =>
          writer
            .all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
            .filter(({ detail }) => READS_WHOLE_TABLE.test(detail))
            .map(({ detail }) => `${detail} ← ${sql.replace(/\s+/g, ' ').trim()}`),
        );
      expect(scans).toEqual([]);
      views.close();
    });
  }
});
