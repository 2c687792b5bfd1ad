import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bangfu/domain';
import { ReadStore, type AccessLogRow } from '@bangfu/projections';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Action } from './action.decorator';
import { AccessLogQueryDto } from './access-log.dto';
import { codesUnder, jurisdictionPrefix } from '@bangfu/application';

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
    const rows = this.views
      .prepare(
        `SELECT * FROM access_log
         WHERE (? IS NULL OR (region >= ? AND region < ?)) AND (? IS NULL OR actor_id = ?) AND (? IS NULL OR outcome = ?)
           AND (? IS NULL OR recorded_at >= ?) AND (? IS NULL OR recorded_at < ?) AND (? IS NULL OR position < ?)
         ORDER BY position DESC LIMIT ?`,
      )
      .all(
        prefix ?? null,
        ...codesUnder(prefix ?? ''),
        query.actor ?? null,
        query.actor ?? null,
        query.outcome ?? null,
        query.outcome ?? null,
        query.from ?? null,
        query.from ?? null,
        query.to ?? null,
        query.to ?? null,
        query.before ?? null,
        query.before ?? null,
        limit,
      ) as AccessLogRow[];
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
