import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { FlagsModule } from '../flags/flags.module';
import { ExportsController } from './exports.controller';

/** 导出: the tables leaders and offices hand on, as .xlsx workbooks under the access policy and the access log. */
@Module({
  imports: [AccessModule, FlagsModule],
  controllers: [ExportsController],
})
export class ExportsModule {}
