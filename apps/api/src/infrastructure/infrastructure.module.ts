import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore, type Projection } from '@bangfu/projections';
import { ProcessManagerRunner, TimerScheduler, systemClock, type Clock } from '@bangfu/workflow';
import { Dispatch } from '../http/dispatch';
import { RecordFacts } from '../registry/record-facts';
import { BANGFU_CONFIG, type BangfuConfig } from '../config/bangfu-config';
import { CommandContext } from '../http/command-context';
import { CommandRouter } from './command-router';
import { LifecycleService } from './lifecycle.service';
import { openEventStore, openReadStore } from './open-stores';
import { allProcessManagers, allProjections } from './projection-catalog';
import { CLOCK, COMMANDS_ONLY, PROJECTIONS } from './tokens';

export interface InfrastructureOverrides {
  clock?: Clock;
  /** Another store for the commands (the bulk loader of `bangfu simulate`) in place of the configured one. */
  store?: EventStore;
  /** Other views (the in-memory register of `bangfu simulate`) in place of the data dir's views.db. */
  views?: ReadStore;
  /** Commands only: no projections, process managers or timers run in the background (a bulk writer drives them). */
  commandsOnly?: boolean;
}

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: BangfuConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: BANGFU_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: EVENT_STORE, useFactory: (clock: Clock) => overrides.store ?? openEventStore(config, clock), inject: [CLOCK] },
        { provide: COMMANDS_ONLY, useValue: overrides.commandsOnly ?? false },
        { provide: ReadStore, useFactory: () => overrides.views ?? openReadStore(config) },
        { provide: PROJECTIONS, useValue: allProjections },
        {
          provide: ProjectionRunner,
          useFactory: (store: EventStore, views: ReadStore, projections: Projection[]) => new ProjectionRunner(store, views, projections),
          inject: [EVENT_STORE, ReadStore, PROJECTIONS],
        },
        {
          provide: TimerScheduler,
          useFactory: (store: EventStore, views: ReadStore, router: CommandRouter, clock: Clock) =>
            new TimerScheduler(store, views, router, clock),
          inject: [EVENT_STORE, ReadStore, CommandRouter, CLOCK],
        },
        {
          provide: ProcessManagerRunner,
          useFactory: (store: EventStore, views: ReadStore, runner: ProjectionRunner, router: CommandRouter, clock: Clock) =>
            new ProcessManagerRunner(store, views, runner, allProcessManagers, router, clock),
          inject: [EVENT_STORE, ReadStore, ProjectionRunner, CommandRouter, CLOCK],
        },
        CommandRouter,
        CommandContext,
        Dispatch,
        RecordFacts,
        LifecycleService,
      ],
      exports: [
        BANGFU_CONFIG,
        CLOCK,
        EVENT_STORE,
        ReadStore,
        ProjectionRunner,
        ProcessManagerRunner,
        TimerScheduler,
        CommandRouter,
        CommandContext,
        Dispatch,
        RecordFacts,
        PROJECTIONS,
      ],
    };
  }
}
