import { Module } from '@nestjs/common';
import { GetCaseHandler, ListCasesHandler } from './case.queries';
import { CasesController } from './cases.controller';

/** 问责: cases on cited grounds, with bundled accountability derived from the record. */
@Module({
  controllers: [CasesController],
  providers: [GetCaseHandler, ListCasesHandler],
})
export class AccountabilityModule {}
