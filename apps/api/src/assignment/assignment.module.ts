import { Module } from '@nestjs/common';
import { AssignmentController } from './assignment.controller';
import { WorkTeamReportsController } from './work-team-reports.controller';
import { GetCadreHouseholdsHandler, GetResponsibilityHandler } from './responsibility.queries';

/** 包村 and the village work teams; household assignments ride on the household's stream (RegistryModule). */
@Module({
  controllers: [AssignmentController, WorkTeamReportsController],
  providers: [GetResponsibilityHandler, GetCadreHouseholdsHandler],
})
export class AssignmentModule {}
