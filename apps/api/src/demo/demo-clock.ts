import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { nextTimerDue, ProcessManagerRunner, TimerScheduler, type VirtualClock } from '@bangfu/workflow';

/**
 * Drives an app on a virtual clock: moving to an instant fires every timer due on the way at its own due
 * time, and waits for views and processes to settle, so months of work are recorded as they would have been.
 */
export class DemoTimeline {
  private readonly views: ReadStore;

  constructor(
    private readonly app: INestApplication,
    readonly clock: VirtualClock,
  ) {
    this.views = app.get(ReadStore);
  }

  async advanceTo(instant: string): Promise<void> {
    for (;;) {
      await this.settle();
      const due = nextTimerDue(this.views);
      if (due === null || due > instant) break;
      if (Date.parse(due) > this.clock.now().getTime()) this.clock.set(due);
      await this.app.get(TimerScheduler).tick();
    }
    if (Date.parse(instant) > this.clock.now().getTime()) this.clock.set(instant);
  }

  settle(): Promise<void> {
    return settle(this.app);
  }
}

/** Until views and process managers have handled everything, including what the processes appended. */
export async function settle(app: INestApplication): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  for (;;) {
    const head = await store.headPosition();
    await app.get(ProjectionRunner).waitFor(head, 60_000);
    await app.get(ProcessManagerRunner).waitFor(head, 60_000);
    if ((await store.headPosition()) === head) return;
  }
}
