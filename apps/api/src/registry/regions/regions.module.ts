import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../../infrastructure/command-router';
import { RegionCommandHandler, RegionCommandMessage } from './region-command.handler';
import { GetRegionHandler, ListRegionsHandler } from './region.queries';
import { RegionsController } from './regions.controller';
import { GetVillageRecordHandler } from './village-record.query';

@Module({
  controllers: [RegionsController],
  providers: [RegionCommandHandler, GetRegionHandler, ListRegionsHandler, GetVillageRecordHandler],
})
export class RegionsModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      ['RegisterRegion', 'RenameRegion', 'DeclareGoLive'],
      (command, metadata) => new RegionCommandMessage(command, metadata),
    );
  }
}
