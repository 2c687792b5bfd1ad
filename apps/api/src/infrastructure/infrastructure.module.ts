import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore, type Projection } from '@bangfu/projections';
import { ProcessManagerRunner, TimerScheduler, systemClock, type Clock } from '@bangfu/workflow';
import {
  allProcessManagers,
  allProjections,
  Application,
  BANGFU_CONFIG,
  CitedEvents,
  openEventStore,
  openReadStore,
  RecordFacts,
  type BangfuConfig,
  viewsThreadFor,
} from '@bangfu/application';
import { AllFlags } from '../flags/all-flags';
import { CommandContext } from '../http/command-context';
import { Dispatch } from '../http/dispatch';
import { LifecycleService } from './lifecycle.service';
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
          // Other stores or views (the simulation's) live in this thread only: their views are applied here too.
          useFactory: (store: EventStore, views: ReadStore, projections: Projection[]) =>
            new ProjectionRunner(store, views, projections, {
              thread: overrides.store || overrides.views ? undefined : viewsThreadFor(config),
            }),
          inject: [EVENT_STORE, ReadStore, PROJECTIONS],
        },
        {
          // The application services, plain classes; the flag list and the process runner are looked up when a
          // command needs them, since both are built after (the runner sends its commands through this router).
          provide: Application,
          useFactory: (store: EventStore, views: ReadStore, projections: ProjectionRunner, modules: ModuleRef) =>
            new Application({
              store,
              views,
              projections,
              findFlag: (flagId) => modules.get(AllFlags, { strict: false }).find(flagId),
              processes: () => modules.get(ProcessManagerRunner, { strict: false }),
            }),
          inject: [EVENT_STORE, ReadStore, ProjectionRunner, ModuleRef],
        },
        { provide: RecordFacts, useFactory: (application: Application) => application.facts, inject: [Application] },
        { provide: CitedEvents, useFactory: (application: Application) => application.cited, inject: [Application] },
        {
          provide: TimerScheduler,
          useFactory: (store: EventStore, views: ReadStore, application: Application, clock: Clock) =>
            new TimerScheduler(store, views, application.router, clock),
          inject: [EVENT_STORE, ReadStore, Application, CLOCK],
        },
        {
          provide: ProcessManagerRunner,
          useFactory: (store: EventStore, views: ReadStore, runner: ProjectionRunner, application: Application, clock: Clock) =>
            new ProcessManagerRunner(store, views, runner, allProcessManagers, application.router, clock),
          inject: [EVENT_STORE, ReadStore, ProjectionRunner, Application, CLOCK],
        },
        CommandContext,
        Dispatch,
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
        Application,
        CommandContext,
        Dispatch,
        RecordFacts,
        CitedEvents,
        PROJECTIONS,
      ],
    };
  }
}
