import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessModule } from './access/access.module';
import type { BangfuConfig } from '@bangfu/application';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ReadYourWritesInterceptor } from './http/read-your-writes.interceptor';
import { InfrastructureModule, type InfrastructureOverrides } from './infrastructure/infrastructure.module';
import { LedgerController } from './ledger/ledger.controller';
import { DossiersController } from './ledger/dossiers.controller';
import { LedgerProofs } from './ledger/ledger-proofs.service';
import { RegionsModule } from './registry/regions/regions.module';
import { RegistryModule } from './registry/registry.module';
import { AssignmentModule } from './assignment/assignment.module';
import { VisitsModule } from './visits/visits.module';
import { HelpPlanModule } from './help-plan/help-plan.module';
import { IdentificationModule } from './identification/identification.module';
import { RankingsModule } from './rankings/rankings.module';
import { FundsModule } from './funds/funds.module';
import { ExitsModule } from './exits/exits.module';
import { SupervisionModule } from './supervision/supervision.module';
import { AccountabilityModule } from './accountability/accountability.module';
import { TasksModule } from './tasks/tasks.module';
import { FlagsModule } from './flags/flags.module';
import { ExportsModule } from './exports/exports.module';
import { DemoSignInController } from './demo/demo-sign-in.controller';
import { DemoSignIn } from './demo/demo-sign-in.service';

@Module({})
export class AppModule {
  static forRoot(config: BangfuConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, overrides),
        AccessModule,
        RegionsModule,
        RegistryModule,
        AssignmentModule,
        VisitsModule,
        HelpPlanModule,
        IdentificationModule,
        RankingsModule,
        FundsModule,
        ExitsModule,
        SupervisionModule,
        AccountabilityModule,
        TasksModule,
        FlagsModule,
        ExportsModule,
      ],
      controllers: [HealthController, LedgerController, DossiersController, DemoSignInController],
      providers: [
        LedgerProofs,
        DemoSignIn,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
    };
  }
}
