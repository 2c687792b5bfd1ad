import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { FundCommandHandler, FundCommandMessage } from './fund-command.handler';
import { GetFundTraceHandler } from './fund.queries';
import { ReallocateFundHandler } from './reallocate-fund.handler';
import { FundViewsController } from './fund-views.controller';
import { GetHouseholdBenefitsHandler, GetRegionFundsHandler } from './fund-views.queries';
import { FundsController } from './funds.controller';
import { ProjectCommandMessage, ProjectCommandHandler } from '../projects/project-command.handler';
import { GetProjectHandler } from '../projects/project.queries';
import { ProjectsController } from '../projects/projects.controller';

/** 资金: every yuan from allocation to the household. */
@Module({
  controllers: [FundsController, FundViewsController, ProjectsController],
  providers: [
    FundCommandHandler,
    ReallocateFundHandler,
    ProjectCommandHandler,
    GetFundTraceHandler,
    GetRegionFundsHandler,
    GetHouseholdBenefitsHandler,
    GetProjectHandler,
  ],
})
export class FundsModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    const projectCommands = [
      'ApproveProject',
      'AddBeneficiaries',
      'RecordMilestone',
      'CompleteProject',
      'AcceptProject',
      'PublishProjectNotice',
    ] as const;
    this.router.register(projectCommands, (command, metadata) => new ProjectCommandMessage(command, metadata));
    this.router.register(
      ['AllocateFund', 'DisburseFund', 'ConfirmReceipt', 'RecoverFunds', 'ReallocateFund'],
      (command, metadata) => new FundCommandMessage(command, metadata),
    );
  }
}
