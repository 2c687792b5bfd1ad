import { Module } from '@nestjs/common';
import { AllFlags } from './all-flags';
import { FlagsController } from './flags.controller';
import { ReviewFlagHandler } from './review-flag.handler';

/** 红旗 (red flags) from every area in one view, and their handling. */
@Module({
  controllers: [FlagsController],
  providers: [AllFlags, ReviewFlagHandler],
  exports: [AllFlags],
})
export class FlagsModule {}
