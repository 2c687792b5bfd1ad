import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bangfu/domain';
import { accessLogPage, ReadStore } from '@bangfu/projections';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Action } from './action.decorator';
import { AccessLogQueryDto } from './access-log.dto';
import { jurisdictionPrefix } from '@bangfu/application';

@ApiTags('access')
@Controller('api/v1/access-log')
export class AccessLogController {
  constructor(private readonly views: ReadStore) {}

  @Get()
  @Action('access-log.read')
  @ApiOkResponse({
    description:
      'newest first: refusals, personal-data reads and reveals within your jurisdiction, as {entries, next}; ' +
      'pass `before=<next>` for the following page (next is null on the last)',
  })
  list(@Query() query: AccessLogQueryDto, @CurrentActor() actor: Actor) {
    const prefix = jurisdictionPrefix(actor);
    const limit = query.limit ?? 100;
    const rows = accessLogPage(
      this.views,
      { regionPrefix: prefix, actor: query.actor, outcome: query.outcome, from: query.from, to: query.to, before: query.before },
      limit,
    );
    const entries = rows.map((row) => ({
      position: row.position,
      recordedAt: row.recorded_at,
      actor: {
        id: row.actor_id,
        name: row.actor_name,
        roles: row.actor_roles ? row.actor_roles.split(',') : [],
        regionCode: row.actor_region,
      },
      outcome: row.outcome,
      action: row.action,
      method: row.method,
      path: row.path,
      code: row.code,
      region: row.region,
      detail: JSON.parse(row.detail),
    }));
    return { entries, next: rows.length === limit ? (rows.at(-1)?.position ?? null) : null };
  }
}
