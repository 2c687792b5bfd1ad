import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type VerifyReport,
} from '@bangfu/eventstore';

/** What an adapter's test supplies so the same contract runs against it. */
export interface ContractSubject {
  store: EventStore;
  /** Close the store and open the same storage again. */
  reopen(): Promise<EventStore>;
  verify(): Promise<VerifyReport>;
  /** Change one byte of the stored data of this event behind the store's back. */
  corruptOneByte(eventId: string): Promise<void>;
  cleanup(): Promise<void>;
  /**
   * SQLite refuses an event id stored in any other stream; EventStoreDB keeps ids unique only within a
   * stream (which is all idempotency needs: a resend targets the stream it was first sent to).
   */
  uniqueIdsAcrossStreams: boolean;
}

const actor = { id: 'cadre-1', roles: ['cadre'], regionCode: '222426' };

export function newEvent(type = 'ThingHappened', data: unknown = { n: 1 }, id = randomUUID()): EventToAppend {
  return { id, type, data, metadata: { actor, occurredAt: '2026-03-01T01:00:00.000Z', correlationId: randomUUID() } };
}

async function collect(iterable: AsyncIterable<RecordedEvent>, count: number, timeoutMs = 20_000): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  for await (const event of iterable) {
    out.push(event);
    if (out.length >= count || Date.now() > deadline) break;
  }
  return out;
}

/** The behaviour every EventStore adapter must show. */
export function eventStoreContract(adapterName: string, open: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('appends to a new stream from revision 0 and reads it forwards and backwards', async () => {
      const first = await store.append('household-1', [newEvent('A'), newEvent('B')], 'no_stream');
      expect(first).toMatchObject({ streamId: 'household-1', revision: 1, duplicate: false });
      const second = await store.append('household-1', [newEvent('C')], 1);
      expect(second.revision).toBe(2);
      expect(second.position).toBeGreaterThan(first.position);

      const forwards = await store.readStream('household-1');
      expect(forwards.map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
      const backwards = await store.readStream('household-1', { direction: 'backwards', maxCount: 2 });
      expect(backwards.map((e) => e.type)).toEqual(['C', 'B']);
      const fromOne = await store.readStream('household-1', { fromRevision: 1 });
      expect(fromOne.map((e) => e.type)).toEqual(['B', 'C']);
      expect(await store.readStream('household-404')).toEqual([]);
    });

    it('enforces every kind of expected revision', async () => {
      await expect(store.append('visit-1', [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await store.append('visit-1', [newEvent()], 'no_stream');
      await expect(store.append('visit-1', [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append('visit-1', [newEvent()], 5)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await store.append('visit-1', [newEvent()], 'stream_exists');
      await store.append('visit-1', [newEvent()], 'any');
      await store.append('visit-1', [newEvent()], 2);
      expect((await store.readStream('visit-1')).length).toBe(4);
    });

    it('lets exactly one of 50 concurrent appends at the same revision through', async () => {
      await store.append('fund-1', [newEvent('FundAllocated')], 'no_stream');
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => store.append('fund-1', [newEvent('FundDisbursed')], 0)));
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(49);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream('fund-1')).length).toBe(2);
    });

    it('stores an event id once: a resend answers as the first time, also after reopening', async () => {
      const event = newEvent('VisitRecorded');
      const first = await store.append('visit-2', [event], 'no_stream');
      const again = await store.append('visit-2', [event], 'any');
      expect(again).toMatchObject({ revision: first.revision, position: first.position, duplicate: true });
      store = await subject.reopen();
      const afterReopen = await store.append('visit-2', [event], 'no_stream');
      expect(afterReopen).toMatchObject({ revision: first.revision, position: first.position, duplicate: true });
      expect(await store.readStream('visit-2')).toHaveLength(1);
      if (subject.uniqueIdsAcrossStreams) {
        await expect(store.append('visit-3', [event], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream('visit-3')).toHaveLength(0);
      }
    });

    it('keeps one total order across streams and filters by category and type', async () => {
      for (let i = 0; i < 10; i++) {
        await store.append(`household-${i % 3}`, [newEvent('HouseholdThing', { i })], 'any');
        await store.append(`fund-${i % 2}`, [newEvent('FundThing', { i })], 'any');
      }
      const all = await store.readAll();
      expect(all).toHaveLength(20);
      for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 10 }, (_, i) => [i, i]).flat());

      const households = await store.readAll({ filter: { categories: ['household'] } });
      expect(households.map((e) => e.type)).toEqual(Array(10).fill('HouseholdThing'));
      const funds = await store.readAll({ filter: { eventTypes: ['FundThing'] }, fromPosition: all[9].position, maxCount: 3 });
      expect(funds.map((e) => (e.data as { i: number }).i)).toEqual([5, 6, 7]);
      expect(await store.headPosition()).toBe(all[19].position);
    });

    it('answers the event at exactly a position, and nothing where the log holds none', async () => {
      await store.append('household-1', [newEvent('A')], 'any');
      const second = await store.append('household-2', [newEvent('B')], 'any');
      expect(await store.eventAt(second.position)).toMatchObject({ streamId: 'household-2', position: second.position });
      expect(await store.eventAt(second.position + 1_000_000)).toBeUndefined();
    });

    it('filters by region prefix literally: SQL wildcards in a prefix match nothing', async () => {
      const inRegion = (code: string) => ({ ...newEvent('RegionThing'), metadata: { ...newEvent().metadata, subjectRegion: code } });
      await store.append('region-222426', [inRegion('222426')], 'any');
      await store.append('region-610728', [inRegion('610728')], 'any');
      const regions = async (regionPrefix: string) =>
        (await store.readAll({ filter: { regionPrefix } })).map((event) => event.metadata.subjectRegion);
      expect(await regions('22')).toEqual(['222426']);
      expect(await regions('')).toEqual(['222426', '610728']);
      for (const wildcard of ['%', '22%', '_', '2_', '%6%']) expect(await regions(wildcard)).toEqual([]);
    });

    it('hands a subscription from catch-up to live without gap or duplicate under concurrent writes', async () => {
      for (let i = 0; i < 300; i++) await store.append(`household-${i % 7}`, [newEvent('Before', { i })], 'any');
      const subscription = store.subscribeToAll();
      const received = collect(subscription, 600);
      const writers = Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; i < 50; i++) await store.append(`visit-${w}`, [newEvent('During', { w, i })], 'any');
      });
      await Promise.all(writers);
      const events = await received;
      subscription.close();
      const all = await store.readAll();
      expect(events.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(new Set(events.map((e) => e.id)).size).toBe(600);
    });

    it('delivers only matching events to a filtered subscription, from a position', async () => {
      const start = await store.append('household-1', [newEvent('A')], 'any');
      await store.append('fund-1', [newEvent('B')], 'any');
      const subscription = store.subscribeToAll({ fromPosition: start.position, filter: { categories: ['household'] } });
      const received = collect(subscription, 2);
      await store.append('fund-1', [newEvent('C')], 'any');
      await store.append('household-2', [newEvent('D')], 'any');
      await store.append('household-1', [newEvent('E')], 'any');
      const events = await received;
      subscription.close();
      expect(events.map((e) => e.type)).toEqual(['D', 'E']);
    });

    it('chains every stream by hash and detects a single changed byte', async () => {
      const a = await store.append('household-9', [newEvent('A', { name: '德化村' }), newEvent('B', { n: 2 })], 'no_stream');
      await store.append('household-9', [newEvent('C', { n: 3 })], a.revision);
      const events = await store.readStream('household-9');
      expect(events[0].metadata.prevHash).toBe('0'.repeat(64));
      expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
      expect(events[2].metadata.prevHash).toBe(events[1].metadata.hash);
      expect(await subject.verify()).toMatchObject({ ok: true, events: 3, streams: 1 });

      await subject.corruptOneByte(events[1].id);
      const report = await subject.verify();
      expect(report.ok).toBe(false);
      if (!report.ok) expect(report.break).toMatchObject({ streamId: 'household-9', revision: 1, eventId: events[1].id });
    });

    it('stamps recordedAt itself and keeps the actor, business time and correlation', async () => {
      const event = newEvent('VisitRecorded');
      (event.metadata as unknown as Record<string, unknown>).recordedAt = '1999-01-01T00:00:00.000Z';
      const before = Date.now();
      await store.append('visit-7', [event], 'no_stream');
      const [stored] = await store.readStream('visit-7');
      expect(Date.parse(stored.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(stored.metadata).toMatchObject({ actor, occurredAt: '2026-03-01T01:00:00.000Z', schemaVersion: 1 });
      expect(stored.metadata.correlationId).toBe(event.metadata.correlationId);
    });

    it('keeps every event across close and reopen', async () => {
      for (let i = 0; i < 20; i++) await store.append(`household-${i % 4}`, [newEvent('Kept', { i, text: '盘道村 16户35人' })], 'any');
      const before = await store.readAll();
      store = await subject.reopen();
      const after = await store.readAll();
      expect(after).toEqual(before);
      expect(await subject.verify()).toMatchObject({ ok: true, events: 20 });
    });
  });
}
