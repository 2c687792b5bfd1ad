import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { ProcessManagerRunner, TimerScheduler } from '@bangfu/workflow';
import { BANGFU_CONFIG, type BangfuConfig } from '@bangfu/application';
import { COMMANDS_ONLY } from './tokens';

/** Starts the projections and the timer scheduler with the app, and closes the stores last on shutdown. */
@Injectable()
export class LifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly runner: ProjectionRunner,
    private readonly scheduler: TimerScheduler,
    private readonly processes: ProcessManagerRunner,
    @Inject(COMMANDS_ONLY) private readonly commandsOnly: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.commandsOnly) return;
    await this.runner.start();
    await this.runner.catchUp(120_000);
    await this.processes.start();
    if (this.config.timerIntervalMs > 0) this.scheduler.start(this.config.timerIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.processes.stop();
    await this.runner.stop();
    await this.store.close();
    this.views.close();
  }
}
