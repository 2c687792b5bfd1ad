import { Module } from '@nestjs/common';
import { RankingsController } from './rankings.controller';
import { GetCadreRankingsHandler, GetVillageRankingsHandler } from './rankings.queries';

/** 红黑榜 of the people and villages the work is done by and for. */
@Module({
  controllers: [RankingsController],
  providers: [GetCadreRankingsHandler, GetVillageRankingsHandler],
})
export class RankingsModule {}
