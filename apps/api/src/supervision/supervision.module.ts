import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { CitedEvents } from '../ledger/cited-events';
import { SupervisionCommandHandler, SupervisionCommandMessage } from './supervision-command.handler';
import { SupervisionController } from './supervision.controller';
import { GetInspectionHandler, ListFindingsHandler, ListInspectionsHandler } from './supervision.queries';

/** 督查: random samples, findings and their rectification. */
@Module({
  controllers: [SupervisionController],
  providers: [SupervisionCommandHandler, GetInspectionHandler, ListFindingsHandler, ListInspectionsHandler, CitedEvents],
})
export class SupervisionModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      [
        'DrawSample',
        'RecordFinding',
        'OrderRectification',
        'ReportRectification',
        'VerifyRectification',
        'MarkRectificationOverdue',
        'EscalateRectification',
      ],
      (command, metadata) => new SupervisionCommandMessage(command, metadata),
    );
  }
}
