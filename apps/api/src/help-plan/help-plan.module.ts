import { Module } from '@nestjs/common';
import { HelpPlanController } from './help-plan.controller';
import { GetHelpPlanHandler } from './help-plan.queries';

/** 一户一策: each household's help plan, its measures and their delivery. */
@Module({
  controllers: [HelpPlanController],
  providers: [GetHelpPlanHandler],
})
export class HelpPlanModule {}
