import { Module } from '@nestjs/common';
import { SupervisionController } from './supervision.controller';
import { GetInspectionHandler, ListFindingsHandler, ListInspectionsHandler } from './supervision.queries';

/** 督查: random samples, findings and their rectification. */
@Module({
  controllers: [SupervisionController],
  providers: [GetInspectionHandler, ListFindingsHandler, ListInspectionsHandler],
})
export class SupervisionModule {}
