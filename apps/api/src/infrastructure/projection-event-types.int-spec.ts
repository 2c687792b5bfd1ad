import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SqliteEventStore, type RecordedEvent } from '@bangfu/eventstore';
import { ReadStore, handles, type Projection } from '@bangfu/projections';
import { allProjections } from '@bangfu/application';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'demo-log-2026-12-02.events.db.gz');

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

/**
 * A projection that declares its event types is handed only those. Given the demo's year (every kind of work the
 * product records), each view built from the declared types alone must equal the view built from every event: a
 * type the projection reads but does not declare would show here as a missing row.
 */
describe('the event types each projection declares', () => {
  let dir: string;
  let events: RecordedEvent[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-event-types-'));
    writeFileSync(join(dir, 'events.db'), gunzipSync(readFileSync(FIXTURE)));
    const store = new SqliteEventStore({ file: join(dir, 'events.db') });
    events = await store.readAll({ fromPosition: 0, maxCount: 100_000 });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a log with every kind of event', () => {
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(59);
  });

  for (const projection of allProjections.filter((p) => p.eventTypes)) {
    it(`builds ${projection.name} from its declared types exactly as from every event`, () => {
      const everything = build(dir, `${projection.name}-all`, projection, events, () => true);
      const declared = build(dir, `${projection.name}-declared`, projection, events, (event) => handles(projection, event.type));
      expect(contents(declared, projection)).toEqual(contents(everything, projection));
      expect(Object.values(contents(everything, projection)).flat().length).toBeGreaterThan(0);
      everything.close();
      declared.close();
    });
  }
});
