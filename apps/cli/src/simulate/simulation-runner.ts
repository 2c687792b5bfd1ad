import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DomainError, type DomainCommand } from '@bangfu/domain';
import {
  BulkLoadStore,
  SqliteEventStore,
  backgroundBatchWriter,
  nameBasedUuid,
  type AcceptedEvent,
  type RecordedEvent,
} from '@bangfu/eventstore';
import { forgetHouseholds, ReadStore, regionsProjection, registryProjection } from '@bangfu/projections';
import { carryOutReactions, fireTimer, markProcessesHandled, type TimerEvent } from '@bangfu/workflow';
import { AppModule } from '../../../api/src';
import {
  allProcessManagers,
  Application,
  type BangfuConfig,
  type DemoAction,
  demoMonth,
  monthBase,
  prng,
  SCAN_CACHE_MB,
} from '@bangfu/application';

import { countyActions, provinceActions, type ActionBatch } from './county-actions';
import { MinHeap } from './min-heap';
import { provincePlan, type ProvincePlan } from './province-plan';

export interface SimulationOptions {
  households: number;
  months: number;
  seed: number;
  /** 'YYYY-MM' of the first simulated month. */
  firstMonth: string;
  onProgress?: (households: number, total: number, events: number) => void;
}

export interface SimulationReport {
  plan: ProvincePlan;
  events: number;
  commands: number;
  refused: Map<string, number>;
  timersFired: number;
  ms: number;
}

interface PendingTimer {
  timerId: string;
  dueAt: string;
  /** As the log holds it: dispatched by its type (`dispatchRecorded`). */
  command: DomainCommand;
}

type Scheduled = { action: DemoAction; seq: number };

/**
 * Writes a province's history through the API's own command handlers on a virtual clock, as the demo
 * does, but at bulk speed: the handlers run against a `BulkLoadStore` (revisions and folded states in
 * memory, appends written thousands per transaction with the same checks and hash chain), and the process
 * managers and durable timers run inline with the very code the server runs (`carryOutReactions`,
 * `fireTimer`). Counties are written one after another, each over the whole period in time order, so
 * memory holds one county; record times therefore restart at the first month with each county.
 */
export async function simulate(config: BangfuConfig, options: SimulationOptions): Promise<SimulationReport> {
  const started = Date.now();
  const plan = provincePlan(options.households);
  const random = prng(options.seed);
  let now = 0;
  // The folded states live in the bulk loader, so this thread's store reads little: a small page cache. The writer
  // keeps the default one: its random writes are the event-id index (16 MB made the whole simulation 12% slower).
  const file = { file: join(config.dataDir, 'events.db'), synchronous: config.sqliteSynchronous };
  const inner = new SqliteEventStore({ ...file, cacheMb: SCAN_CACHE_MB });
  if ((await inner.headPosition()) > 0) {
    await inner.close();
    throw new Error(`${config.dataDir} already holds events: simulate writes into an empty data directory`);
  }
  const store = await BulkLoadStore.open(inner, () => new Date(now), { writer: backgroundBatchWriter(file, inner) });
  // The views the commands and processes read (the register: a village's households for the month's checks, a
  // county's for an inspection's draw; the region tree: whether a division is still onboarding), kept in memory
  // and handed to the app as its views.
  const views = new ReadStore(':memory:');
  const inMemory = [registryProjection, regionsProjection].map((projection) => {
    views.createGeneration(projection, 1);
    views.switchViews(projection, 1);
    return { projection, writer: views.writer(projection, 1) };
  });
  const registry = inMemory[0].writer;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { store, views, commandsOnly: true }), {
    logger: ['error'],
  });
  const router = app.get(Application).router;

  const timers = new Map<string, PendingTimer>();
  const agenda = new MinHeap<PendingTimer>((a, b) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.timerId < b.timerId));
  const unhandled: AcceptedEvent[] = [];
  const report: SimulationReport = { plan, events: 0, commands: 0, refused: new Map(), timersFired: 0, ms: 0 };
  store.onAccepted((accepted) => {
    report.events += accepted.length;
    for (const event of accepted) {
      // The process managers read neither chain hash, which the flush computes later.
      for (const { projection, writer } of inMemory) projection.apply(event as RecordedEvent, writer);
      trackTimer(event);
      unhandled.push(event);
    }
  });
  const trackTimer = (event: AcceptedEvent) => {
    const e = event as unknown as TimerEvent;
    if (e.type === 'TimerScheduled') {
      const timer = { timerId: e.data.timerId, dueAt: e.data.dueAt, command: e.data.command };
      timers.set(timer.timerId, timer);
      agenda.push(timer);
    } else if (e.type === 'TimerCancelled' || e.type === 'TimerFired') timers.delete(e.data.timerId);
  };

  const refuse = (error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    report.refused.set(error.code, (report.refused.get(error.code) ?? 0) + 1);
  };

  /** Every process manager handles every new event, in log order, until nothing new is left (the demo's settle). */
  const settle = async () => {
    for (let i = 0; i < unhandled.length; i++) {
      const event = unhandled[i] as unknown as RecordedEvent;
      for (const manager of allProcessManagers) {
        if (manager.eventTypes.includes(event.type)) await carryOutReactions(store, router, manager, event, { views }, new Date(now));
      }
    }
    unhandled.length = 0;
  };

  /** Fires the timers due up to `instant`, a due time at a time, as the scheduler does on a virtual clock. */
  const advanceTo = async (instant: number) => {
    for (;;) {
      await settle();
      while (agenda.size > 0 && timers.get((agenda.peek() as PendingTimer).timerId) !== agenda.peek()) agenda.pop();
      const first = agenda.peek();
      if (!first || Date.parse(first.dueAt) > instant) break;
      now = Math.max(now, Date.parse(first.dueAt));
      const due: PendingTimer[] = [];
      while (agenda.size > 0 && Date.parse((agenda.peek() as PendingTimer).dueAt) <= now) {
        const timer = agenda.pop() as PendingTimer;
        if (timers.get(timer.timerId) === timer) due.push(timer);
      }
      for (const timer of due) {
        await fireTimer(store, router, timer, new Date(now), nameBasedUuid(`correlation:timer:${timer.timerId}`));
        report.timersFired++;
      }
    }
    now = Math.max(now, instant);
  };

  const run = async (action: DemoAction) => {
    await advanceTo(action.at);
    report.commands++;
    try {
      await router.dispatch(action.command, {
        actor: action.actor,
        now: new Date(now),
        occurredAt: action.occurredAt === undefined ? undefined : new Date(action.occurredAt).toISOString(),
        correlationId: nameBasedUuid(`correlation:${action.key}`),
        idempotencyKey: `sim:${action.key}`,
      });
    } catch (error) {
      refuse(error);
    }
  };

  const runBatches = async (batches: Iterable<ActionBatch>, end: number) => {
    let seq = 0;
    const queue = new MinHeap<Scheduled>((a, b) => a.action.at < b.action.at || (a.action.at === b.action.at && a.seq < b.seq));
    for (const batch of batches) {
      for (const action of batch.actions) queue.push({ action, seq: seq++ });
      while (queue.size > 0 && (queue.peek() as Scheduled).action.at < batch.until) await run((queue.pop() as Scheduled).action);
    }
    while (queue.size > 0) await run((queue.pop() as Scheduled).action);
    await advanceTo(end);
  };

  try {
    const firstMonth = options.firstMonth;
    await runBatches([{ actions: provinceActions(plan, firstMonth), until: Number.POSITIVE_INFINITY }], 0);
    const provinceTime = now;
    let households = 0;
    const end = monthBase(demoMonth(firstMonth, options.months));
    for (const county of plan.counties) {
      // Each county starts on the first month again: its history is written whole before the next one's.
      now = provinceTime;
      timers.clear();
      await runBatches(countyActions(plan, county, firstMonth, options.months, random), end);
      households += county.households;
      store.forget();
      forgetHouseholds(registry);
      options.onProgress?.(households, plan.households, report.events);
    }
    store.flush();
    // Every reaction has been carried out: the server's process managers start after the simulated log.
    const head = await store.headPosition();
    const serverViews = new ReadStore(join(config.dataDir, 'views.db'));
    markProcessesHandled(
      serverViews,
      allProcessManagers.map((manager) => manager.name),
      head,
    );
    serverViews.close();
  } finally {
    // Closes the bulk store (flushing what is left) and the in-memory views the app was given.
    await app.close();
  }
  return { ...report, ms: Date.now() - started };
}
