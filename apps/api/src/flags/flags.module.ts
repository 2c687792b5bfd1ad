import { Module } from '@nestjs/common';
import { AllFlags } from './all-flags';
import { FlagsController } from './flags.controller';

/** 红旗 (red flags) from every area in one view, and their handling. */
@Module({
  controllers: [FlagsController],
  providers: [AllFlags],
  exports: [AllFlags],
})
export class FlagsModule {}
