import { Module } from '@nestjs/common';
import { GetRegionHandler, ListRegionsHandler } from './region.queries';
import { RegionsController } from './regions.controller';
import { GetVillageRecordHandler } from './village-record.query';

@Module({
  controllers: [RegionsController],
  providers: [GetRegionHandler, ListRegionsHandler, GetVillageRecordHandler],
})
export class RegionsModule {}
