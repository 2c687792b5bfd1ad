import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionRunner } from '@bangfu/projections';
import { BANGFU_CONFIG, type BangfuConfig } from '../config/bangfu-config';
import { Action } from '../access/action.decorator';

@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
  ) {}

  @Get(['health', 'api/v1/health'])
  @Action('system.health')
  @ApiOkResponse({ description: 'store and projection status; `lag` counts events the views have not applied yet' })
  async health() {
    const projections = await this.runner.health();
    const status = projections.running && !projections.lastError ? 'ok' : 'degraded';
    return {
      status,
      store: { adapter: this.config.store, head: projections.head },
      projections,
    };
  }
}
