import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { CitedEvents } from '../ledger/cited-events';
import { CaseCommandHandler, CaseCommandMessage } from './case-command.handler';
import { GetCaseHandler, ListCasesHandler } from './case.queries';
import { CasesController } from './cases.controller';

/** 问责: cases on cited grounds, with bundled accountability derived from the record. */
@Module({
  controllers: [CasesController],
  providers: [CaseCommandHandler, GetCaseHandler, ListCasesHandler, CitedEvents],
})
export class AccountabilityModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(['OpenCase', 'RecordCaseDecision'], (command, metadata) => new CaseCommandMessage(command, metadata));
  }
}
