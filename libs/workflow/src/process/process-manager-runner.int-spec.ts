import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { VirtualClock } from '../clock/clock';
import { ProcessManagerRunner } from './process-manager-runner';
import type { ProcessManager } from './process-manager';

const EVENTS = 500;

describe('the process managers catching up', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: ReadStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-pm-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    views = new ReadStore(join(dir, 'views.db'));
    const event = () => ({
      id: randomUUID(),
      type: 'Noted',
      data: {},
      metadata: { actor: { id: 'a', roles: ['system'] }, occurredAt: '2026-03-01T00:00:00.000Z', correlationId: 'c' },
    });
    await store.append('notes-1', Array.from({ length: EVENTS }, event), 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the event loop run while they replay a log whose reactions are all already done', async () => {
    // Given a manager with nothing to do for each of 500 events (every read resolves at once on the embedded store)
    const handled: number[] = [];
    const manager: ProcessManager = { name: 'noted', eventTypes: ['Noted'], react: (event) => (handled.push(event.position), []) };
    const clock = new VirtualClock('2026-03-01T00:00:00.000Z');
    const runner = new ProcessManagerRunner(
      store,
      views,
      new ProjectionRunner(store, views, []),
      [manager],
      { dispatchRecorded: jest.fn() },
      clock,
      {
        turnEveryMs: 0,
      },
    );
    // When a timer is due while they catch up
    let handledWhenTimerRan = -1;
    setTimeout(() => (handledWhenTimerRan = handled.length), 0);
    await runner.start();
    await runner.waitFor(EVENTS);
    await runner.stop();
    // Then the timer ran before the replay was over, not after it
    expect(handled).toHaveLength(EVENTS);
    expect(handledWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(handledWhenTimerRan).toBeLessThan(EVENTS);
  });
});
