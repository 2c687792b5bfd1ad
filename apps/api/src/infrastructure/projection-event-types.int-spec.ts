import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@bangfu/eventstore';
import { ReadStore, handles, type Projection } from '@bangfu/projections';
import { allProjections, loadConfig } from '@bangfu/application';
import { loadDemoIfEmpty } from '../demo/load-demo';

/** A demo log an earlier version wrote and served (its reads are in its access log). */
const SERVED_DEMO_LOG = join(__dirname, '..', '..', 'test', 'fixtures', 'demo-log-2026-12-02.events.db.gz');

/** Every row of a projection's tables, in a stable order, to compare two builds of it. */
function contents(views: ReadStore, projection: Projection): Record<string, string[]> {
  return Object.fromEntries(
    projection.tables.map((table) => [
      table,
      (views.prepare(`SELECT * FROM "${table}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort(),
    ]),
  );
}

function build(dir: string, name: string, projection: Projection, events: RecordedEvent[], only: (event: RecordedEvent) => boolean) {
  const views = new ReadStore(join(dir, `${name}.db`));
  views.createGeneration(projection, 1);
  views.switchViews(projection, 1);
  const writer = views.writer(projection, 1);
  views.db.transaction(() => {
    for (const event of events) if (only(event)) projection.apply(event, writer);
  })();
  return views;
}

/** Every event of a log file, in log order. */
async function readLog(file: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ file });
  try {
    return await store.readAll({ fromPosition: 0, maxCount: 100_000 });
  } finally {
    await store.close();
  }
}

/**
 * A projection that declares its event types is handed only those. Given the demo's year (every kind of work the
 * product records) — as this version records it, and as a served demo log of an earlier version holds it (with the
 * access log of its reads) — each view built from the declared types alone must equal the view built from every
 * event: a type the projection reads but does not declare would show here as a missing row.
 */
describe('the event types each projection declares', () => {
  let dir: string;
  let logs: RecordedEvent[][];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-event-types-'));
    mkdirSync(join(dir, 'now'));
    await loadDemoIfEmpty(loadConfig({ BANGFU_DATA_DIR: join(dir, 'now'), BANGFU_JWT_SECRET: 'event-types', BANGFU_LOG: 'false' }));
    writeFileSync(join(dir, 'served.db'), gunzipSync(readFileSync(SERVED_DEMO_LOG)));
    logs = [await readLog(join(dir, 'now', 'events.db')), await readLog(join(dir, 'served.db'))];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads logs with every kind of event', () => {
    expect(new Set(logs.flat().map((e) => e.type)).size).toBeGreaterThanOrEqual(63);
  });

  for (const projection of allProjections.filter((p) => p.eventTypes)) {
    it(`builds ${projection.name} from its declared types exactly as from every event`, () => {
      let rows = 0;
      for (const [n, events] of logs.entries()) {
        const everything = build(dir, `${projection.name}-${n}-all`, projection, events, () => true);
        const declared = build(dir, `${projection.name}-${n}-declared`, projection, events, (event) => handles(projection, event.type));
        expect(contents(declared, projection)).toEqual(contents(everything, projection));
        rows += Object.values(contents(everything, projection)).flat().length;
        everything.close();
        declared.close();
      }
      expect(rows).toBeGreaterThan(0);
    });
  }
});
