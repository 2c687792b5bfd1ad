import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, SYSTEM_ACTOR, type Decider } from '@bangfu/domain';
import { SqliteEventStore, handleCommand, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { DAY_MS, VirtualClock } from '../clock/clock';
import { dueTimersProjection } from './due-timers.projection';
import { TimerScheduler, cancelTimer, scheduleTimer, type CommandDispatcher } from './timer-scheduler';

type ReminderCommand = { type: 'SendReminder'; data: { householdId: string; month: string } };
type ReminderEvent = { type: 'ReminderSent'; data: { month: string } };

class AlreadyRemindedError extends DomainError {
  readonly code = 'ALREADY_REMINDED';
}

// A stand-in domain decider: one reminder per household and month.
const reminders: Decider<ReminderCommand, ReminderEvent, Set<string>> = {
  initialState: () => new Set(),
  evolve: (state, event) => new Set([...state, event.data.month]),
  decide: (command, state) => {
    if (command.data.month === 'refuse') throw new AlreadyRemindedError('nothing to remind');
    return state.has(command.data.month) ? [] : [{ type: 'ReminderSent', data: { month: command.data.month } }];
  },
};

function dispatcherFor(store: EventStore): CommandDispatcher {
  return {
    dispatchRecorded: (command, metadata) =>
      handleCommand(store, `reminder-${(command as ReminderCommand).data.householdId}`, reminders, command as ReminderCommand, metadata),
  };
}

describe('durable timers on a virtual clock', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: ReadStore;
  let runner: ProjectionRunner;
  const clock = new VirtualClock('2026-01-01T00:00:00.000Z');
  const meta = () => ({ actor: SYSTEM_ACTOR, now: clock.now() });
  const schedule = (timerId: string, days: number, month: string) =>
    scheduleTimer(
      store,
      {
        timerId,
        dueAt: new Date(clock.now().getTime() + days * DAY_MS).toISOString(),
        command: { type: 'SendReminder', data: { householdId: 'h1', month } },
        purpose: 'test reminder',
      },
      meta(),
    );
  const settle = async () => runner.waitFor(await store.headPosition());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-timers-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db'), now: () => clock.now() });
    views = new ReadStore(join(dir, 'views.db'));
    runner = new ProjectionRunner(store, views, [dueTimersProjection]);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
    views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires each timer when its time comes, a year of them in one test', async () => {
    const scheduler = new TimerScheduler(store, views, dispatcherFor(store), clock);
    for (let month = 1; month <= 12; month++) await schedule(`reminder-h1-${month}`, month * 30, `2026-${month}`);
    await settle();
    expect(await scheduler.tick()).toBe(0);
    clock.advance(45 * DAY_MS);
    await settle();
    expect(await scheduler.tick()).toBe(1);
    clock.advance(365 * DAY_MS);
    expect(await scheduler.tick()).toBe(11);
    await settle();
    expect(await scheduler.tick()).toBe(0);
    const sent = await store.readStream('reminder-h1');
    expect(sent.map((e) => (e.data as { month: string }).month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${i + 1}`));
    // Business time of the effect is the timer's due time; record time is the (virtual) moment of firing.
    expect(sent[0].metadata.occurredAt).toBe(new Date(Date.parse('2026-01-01T00:00:00Z') + 30 * DAY_MS).toISOString());
  });

  it('has one effect when two schedulers fire the same timers at once', async () => {
    for (let i = 0; i < 20; i++) await schedule(`reminder-h1-${i}`, 1, `m${i}`);
    await settle();
    clock.advance(2 * DAY_MS);
    const a = new TimerScheduler(store, views, dispatcherFor(store), clock);
    const b = new TimerScheduler(store, views, dispatcherFor(store), clock);
    const [firedA, firedB] = await Promise.all([a.tick(), b.tick()]);
    expect(firedA + firedB).toBe(20);
    expect(await store.readStream('reminder-h1')).toHaveLength(20);
    const fired = (await store.readAll({ filter: { eventTypes: ['TimerFired'] } })).length;
    expect(fired).toBe(20);
  });

  it('re-fires after a crash between dispatch and TimerFired without a second effect', async () => {
    await schedule('reminder-h1-crash', 1, 'crash');
    await settle();
    clock.advance(2 * DAY_MS);
    // The first node dispatched the command, then died before recording TimerFired.
    await dispatcherFor(store).dispatchRecorded(
      { type: 'SendReminder', data: { householdId: 'h1', month: 'crash' } },
      { ...meta(), idempotencyKey: 'timer:reminder-h1-crash' },
    );
    const scheduler = new TimerScheduler(store, views, dispatcherFor(store), clock);
    expect(await scheduler.tick()).toBe(1);
    expect(await store.readStream('reminder-h1')).toHaveLength(1);
  });

  it('does not fire a cancelled timer, and records a refused command as the outcome', async () => {
    await schedule('reminder-h1-cancel', 1, 'cancelled');
    await schedule('reminder-h1-refuse', 1, 'refuse');
    await cancelTimer(store, 'reminder-h1-cancel', 'visited in time', meta());
    await settle();
    clock.advance(2 * DAY_MS);
    const scheduler = new TimerScheduler(store, views, dispatcherFor(store), clock);
    expect(await scheduler.tick()).toBe(1);
    expect(await store.readStream('reminder-h1')).toHaveLength(0);
    const [fired] = (await store.readStream('timer-reminder-h1-refuse')).filter((e) => e.type === 'TimerFired');
    expect(fired.data).toMatchObject({ outcome: { result: 'refused', code: 'ALREADY_REMINDED' } });
  });
});
