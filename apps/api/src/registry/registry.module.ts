import { Module } from '@nestjs/common';
import { GetCadreRecordHandler } from './cadres/cadre-record.query';
import { GetCadreActivityHandler, GetCadreHandler, ListCadresHandler } from './cadres/cadre.queries';
import { CadresController } from './cadres/cadres.controller';
import { GetHouseholdHandler, ListRegionHouseholdsHandler } from './households/household.queries';
import { HouseholdsController } from './households/households.controller';
import { SupportSystemsController } from './support-systems/support-systems.controller';

/** Households (建档立卡), units and cadres. Household commands include 包户 and 走访, decided on the household's stream. */
@Module({
  controllers: [HouseholdsController, CadresController, SupportSystemsController],
  providers: [
    GetHouseholdHandler,
    ListRegionHouseholdsHandler,
    GetCadreHandler,
    ListCadresHandler,
    GetCadreActivityHandler,
    GetCadreRecordHandler,
  ],
})
export class RegistryModule {}
