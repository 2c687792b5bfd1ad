import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { FundCommandHandler, FundCommandMessage } from './fund-command.handler';
import { GetFundTraceHandler } from './fund.queries';
import { FundViewsController } from './fund-views.controller';
import { GetHouseholdBenefitsHandler, GetRegionFundsHandler } from './fund-views.queries';
import { FundsController } from './funds.controller';

/** 资金: every yuan from allocation to the household. */
@Module({
  controllers: [FundsController, FundViewsController],
  providers: [FundCommandHandler, GetFundTraceHandler, GetRegionFundsHandler, GetHouseholdBenefitsHandler],
})
export class FundsModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      ['AllocateFund', 'DisburseFund', 'ConfirmReceipt', 'RecoverFunds'],
      (command, metadata) => new FundCommandMessage(command as never, metadata),
    );
  }
}
