import { Module } from '@nestjs/common';
import { VisitPolicyController } from './visit-policy.controller';
import { GetTimelineHandler, GetVisitCoverageHandler, ListOverdueVisitsHandler } from './visit.queries';
import { VisitsController } from './visits.controller';

@Module({
  controllers: [VisitsController, VisitPolicyController],
  providers: [GetTimelineHandler, GetVisitCoverageHandler, ListOverdueVisitsHandler],
})
export class VisitsModule {}
