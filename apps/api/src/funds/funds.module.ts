import { Module } from '@nestjs/common';
import { GetFundTraceHandler } from './fund.queries';
import { FundViewsController } from './fund-views.controller';
import { GetHouseholdBenefitsHandler, GetRegionFundsHandler } from './fund-views.queries';
import { FundsController } from './funds.controller';
import { GetProjectHandler } from '../projects/project.queries';
import { ProjectsController } from '../projects/projects.controller';

/** 资金: every yuan from allocation to the household. */
@Module({
  controllers: [FundsController, FundViewsController, ProjectsController],
  providers: [GetFundTraceHandler, GetRegionFundsHandler, GetHouseholdBenefitsHandler, GetProjectHandler],
})
export class FundsModule {}
