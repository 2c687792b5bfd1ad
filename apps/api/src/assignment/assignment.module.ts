import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { AssignmentController } from './assignment.controller';
import { GetCadreHouseholdsHandler, GetResponsibilityHandler } from './responsibility.queries';
import { VillageCommandHandler, VillageCommandMessage } from './village-command.handler';

/** 包村 and the village work teams; household assignments ride on the household's stream (RegistryModule). */
@Module({
  controllers: [AssignmentController],
  providers: [VillageCommandHandler, GetResponsibilityHandler, GetCadreHouseholdsHandler],
})
export class AssignmentModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      ['AssignUnitToVillage', 'AssignWorkTeam', 'CloseVisitMonth', 'MarkVillageExited'],
      (command, metadata) => new VillageCommandMessage(command, metadata),
    );
  }
}
