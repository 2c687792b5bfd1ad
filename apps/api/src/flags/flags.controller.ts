import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../access/action.decorator';
import { queryScope } from '@bangfu/application';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch, utc } from '../http/dispatch';
import { CLOCK } from '../infrastructure/tokens';
import { AllFlags, flagView } from './all-flags';
import { FlagsQueryDto, ReviewFlagDto } from './flags.dto';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('supervision')
@Controller('api/v1/flags')
export class FlagsController {
  constructor(
    private readonly flags: AllFlags,
    private readonly dispatch: Dispatch,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Action('flags.read')
  @ApiOkResponse({ description: 'every red flag with its status, who acted, and the events it rests on' })
  list(@Query() query: FlagsQueryDto, @Req() request: Request) {
    return { flags: listFlags(this.flags, query, request.actor, this.clock.now()) };
  }

  @Post(':flagId/review')
  @Action('flags.review')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: '404 FLAG_NOT_FOUND; 409 FLAG_CLOSED, FLAG_STATUS_UNCHANGED; 403 FLAG_REVIEW_ROLE_NOT_ALLOWED',
  })
  review(@Param('flagId') flagId: string, @Body() body: ReviewFlagDto, @Req() request: Request) {
    const data = { flagId, status: body.status, note: body.note };
    return this.dispatch.send({ type: 'ReviewFlag', data }, this.context.metadataFor(request));
  }
}

/** The flags a query asks for, as the API shows them: `?region=` (checked by the guard) or the whole jurisdiction. */
export function listFlags(flags: AllFlags, query: FlagsQueryDto, actor: Actor, now: Date) {
  const filters = { type: query.type, status: query.status, from: query.from && utc(query.from, now), to: query.to && utc(query.to, now) };
  return flags.list(queryScope(query.region, actor), { ...filters, fund: query.fund }, query.limit ?? 100).map(flagView);
}
