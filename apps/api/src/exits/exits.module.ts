import { Module, type OnModuleInit } from '@nestjs/common';
import { WORKFLOW_COMMAND_TYPES } from '@bangfu/workflow';
import { CommandRouter } from '../infrastructure/command-router';
import { ExitCommandHandler, ExitCommandMessage } from './exit-command.handler';
import { ExitRecordsHandler, ExitRecordsMessage } from './exit-records.handler';
import { ExitsController } from './exits.controller';
import { GetExitHandler, GetExitIndicatorsHandler, GetExitPipelineHandler } from './exit.queries';

/** 脱贫退出: household and village exit cases on the workflow runtime, and what 摘帽 is judged on. */
@Module({
  controllers: [ExitsController],
  providers: [ExitCommandHandler, ExitRecordsHandler, GetExitHandler, GetExitPipelineHandler, GetExitIndicatorsHandler],
})
export class ExitsModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    // Timers (deadlines) and the demo send workflow commands as data.
    this.router.register(WORKFLOW_COMMAND_TYPES, (command, metadata) => new ExitCommandMessage(command, metadata));
    this.router.register(
      ['AdoptExitStandard', 'RecordRuralPopulation', 'RecordSpotCheck', 'RecordSatisfactionSurvey'],
      (command, metadata) => new ExitRecordsMessage(command, metadata),
    );
  }
}
