import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore, type Projection } from '@bangfu/projections';
import { TimerScheduler, systemClock, type Clock } from '@bangfu/workflow';
import { BANGFU_CONFIG, type BangfuConfig } from '../config/bangfu-config';
import { CommandContext } from '../http/command-context';
import { CommandRouter } from './command-router';
import { LifecycleService } from './lifecycle.service';
import { openEventStore, openReadStore } from './open-stores';
import { allProjections } from './projection-catalog';
import { CLOCK, PROJECTIONS } from './tokens';

export interface InfrastructureOverrides {
  clock?: Clock;
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
        { provide: EVENT_STORE, useFactory: (clock: Clock) => openEventStore(config, clock), inject: [CLOCK] },
        { provide: ReadStore, useFactory: () => openReadStore(config) },
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
        CommandRouter,
        CommandContext,
        LifecycleService,
      ],
      exports: [BANGFU_CONFIG, CLOCK, EVENT_STORE, ReadStore, ProjectionRunner, TimerScheduler, CommandRouter, CommandContext, PROJECTIONS],
    };
  }
}
