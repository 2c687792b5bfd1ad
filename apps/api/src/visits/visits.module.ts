import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { VisitPolicyCommandHandler, VisitPolicyCommandMessage } from './visit-policy-command.handler';
import { VisitPolicyController } from './visit-policy.controller';
import { GetTimelineHandler, GetVisitCoverageHandler, ListOverdueVisitsHandler } from './visit.queries';
import { VisitsController } from './visits.controller';

@Module({
  controllers: [VisitsController, VisitPolicyController],
  providers: [VisitPolicyCommandHandler, GetTimelineHandler, GetVisitCoverageHandler, ListOverdueVisitsHandler],
})
export class VisitsModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(['AdoptVisitPolicy'], (command, metadata) => new VisitPolicyCommandMessage(command, metadata));
  }
}
