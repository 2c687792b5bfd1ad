import { Module, type OnModuleInit } from '@nestjs/common';
import { HOUSEHOLD_COMMAND_TYPES } from '@bangfu/domain';
import { CommandRouter } from '../infrastructure/command-router';
import { GetCadreRecordHandler } from './cadres/cadre-record.query';
import { CadreCommandHandler, CadreCommandMessage } from './cadres/cadre-command.handler';
import { GetCadreActivityHandler, GetCadreHandler, ListCadresHandler } from './cadres/cadre.queries';
import { CadresController } from './cadres/cadres.controller';
import { HouseholdCommandHandler, HouseholdCommandMessage } from './households/household-command.handler';
import { GetHouseholdHandler, ListRegionHouseholdsHandler } from './households/household.queries';
import { HouseholdsController } from './households/households.controller';
import { UnitCommandHandler, UnitCommandMessage } from './units/unit-command.handler';

/** Households (建档立卡), units and cadres. Household commands include 包户 and 走访, decided on the household's stream. */
@Module({
  controllers: [HouseholdsController, CadresController],
  providers: [
    HouseholdCommandHandler,
    UnitCommandHandler,
    CadreCommandHandler,
    GetHouseholdHandler,
    ListRegionHouseholdsHandler,
    GetCadreHandler,
    ListCadresHandler,
    GetCadreActivityHandler,
    GetCadreRecordHandler,
  ],
})
export class RegistryModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(HOUSEHOLD_COMMAND_TYPES, (command, metadata) => new HouseholdCommandMessage(command, metadata));
    this.router.register(['RegisterUnit', 'ChangeUnitLead'], (command, metadata) => new UnitCommandMessage(command, metadata));
    this.router.register(
      ['RegisterCadre', 'RecallCadre', 'CompleteCadreRecall'],
      (command, metadata) => new CadreCommandMessage(command, metadata),
    );
  }
}
