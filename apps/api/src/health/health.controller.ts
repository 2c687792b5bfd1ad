import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProjectionRunner, ReadStore, businessEventCount } from '@bangfu/projections';
import { BANGFU_CONFIG, type BangfuConfig } from '@bangfu/application';
import { Action } from '../access/action.decorator';

/** For people and load balancers: 200 while the store answers, 503 when it does not. */
@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly views: ReadStore,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
  ) {}

  @Get(['health', 'api/v1/health'])
  @Action('system.health')
  @ApiOkResponse({
    description:
      'store and projection status; `lag` counts events the views have not applied yet; `store.businessEvents` counts the ' +
      'events other than access-log entries and timers (as of `projections.position`): unchanged by a refused request',
  })
  @ApiServiceUnavailableResponse({ description: 'the event store does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const projections = await this.runner.health();
      const status = projections.running && !projections.lastError ? 'ok' : 'degraded';
      // Counted by the views: as of projections.position, so it holds what the views have applied.
      const businessEvents = businessEventCount(this.views);
      return { status, store: { adapter: this.config.store, head: projections.head, businessEvents }, projections };
    } catch (error) {
      void reply.status(503);
      const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unknown';
      return { status: 'down', store: { adapter: this.config.store, error: reason } };
    }
  }
}
