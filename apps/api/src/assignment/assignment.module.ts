import { Module } from '@nestjs/common';
import { AssignmentController } from './assignment.controller';
import { GetCadreHouseholdsHandler, GetResponsibilityHandler } from './responsibility.queries';

/** 包村 and the village work teams; household assignments ride on the household's stream (RegistryModule). */
@Module({
  controllers: [AssignmentController],
  providers: [GetResponsibilityHandler, GetCadreHouseholdsHandler],
})
export class AssignmentModule {}
