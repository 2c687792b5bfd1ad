import { Module } from '@nestjs/common';
import { ExitsController } from './exits.controller';
import { GetExitHandler, GetExitIndicatorsHandler, GetExitPipelineHandler } from './exit.queries';

/** 脱贫退出: household and village exit cases on the workflow runtime, and what 摘帽 is judged on. */
@Module({
  controllers: [ExitsController],
  providers: [GetExitHandler, GetExitPipelineHandler, GetExitIndicatorsHandler],
})
export class ExitsModule {}
