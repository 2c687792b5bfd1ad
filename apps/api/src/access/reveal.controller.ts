import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { personalFieldOf, type Actor } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProblemException } from '../http/problem';
import { AccessLog } from './access-log.service';
import { Action } from './action.decorator';
import { withinJurisdiction } from '@bangfu/application';

export class RevealDto {
  @ApiProperty({ example: 'household-2224261032010001' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*-\S{1,200}$/, { message: 'stream must be <category>-<id>' })
  stream!: string;

  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiProperty({ example: 'members.0.idNumber', description: 'dot path inside the event data' })
  @IsString()
  @Matches(/^[A-Za-z0-9_\u4e00-\u9fff]+(\.[A-Za-z0-9_\u4e00-\u9fff]+)*$/, {
    message: 'field must be a dot path such as members.0.idNumber',
  })
  field!: string;

  @ApiProperty({ example: '核对低保申请材料', description: 'why it must be seen; recorded in the access log' })
  @IsString()
  @Length(4, 500)
  reason!: string;
}

/** A county admin sees one masked value, for a stated reason that goes on the record first. */
@ApiTags('access')
@Controller('api/v1/personal-data')
export class RevealController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLog,
  ) {}

  @Post('reveal')
  @HttpCode(200)
  @Action('personal-data.reveal')
  @ApiOkResponse({ description: '{stream, revision, field, value}' })
  async reveal(@Body() body: RevealDto, @Req() request: FastifyRequest & { actor: Actor }) {
    const [event] = await this.store.readStream(body.stream, { fromRevision: body.revision, maxCount: 1 });
    if (!event || event.revision !== body.revision) {
      throw new ProblemException(404, 'EVENT_NOT_FOUND', `${body.stream} has no revision ${body.revision}`);
    }
    const region = event.metadata.subjectRegion;
    if (!(region ? withinJurisdiction(request.actor, region) : request.actor.regionCode === '000000')) {
      throw await this.accessLog.refuse(request, request.actor, {
        action: 'personal-data.reveal',
        status: 403,
        code: 'OUTSIDE_JURISDICTION',
        detail: `that event is about ${region ?? 'no division'}, outside your jurisdiction`,
        region,
      });
    }
    const key = body.field.split('.').at(-1) as string;
    const value = body.field
      .split('.')
      .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), event.data);
    if (!personalFieldOf(key) || typeof value !== 'string') {
      throw new ProblemException(422, 'NOT_PERSONAL_DATA', `${body.field} is not a masked personal field of that event`, [
        { field: 'field', message: 'name an ID-number or phone field of the event data' },
      ]);
    }
    await this.accessLog.record(
      request.actor,
      { type: 'PersonalDataRevealed', data: { stream: body.stream, revision: body.revision, field: body.field, reason: body.reason } },
      region,
    );
    return { stream: body.stream, revision: body.revision, field: body.field, value };
  }
}
