import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import { HOUSEHOLD_IDENTIFICATION, HOUSEHOLD_REMOVAL } from '@bangfu/workflow';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { Dispatch } from '../http/dispatch';
import { toCommandResponse } from '../http/to-command-response';
import { CaseStartedDto, StartIdentificationDto } from './identification.dto';

type Request = FastifyRequest & { actor: Actor };

/**
 * 精准识别 and 剔除: each opens a case on the workflow runtime, acted on and read like an exit case
 * (`/exits/{caseId}/steps/{step}`, `/exits/{caseId}`). The register changes only when the case passes.
 */
@ApiTags('identification')
@Controller('api/v1')
export class IdentificationsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly context: CommandContext,
  ) {}

  @Post('identifications')
  @Action('identification.start')
  @ApiCreatedResponse({
    type: CaseStartedDto,
    description: '409 HOUSEHOLD_ALREADY_REGISTERED (or removed), VILLAGE_NOT_REGISTERED, WORKFLOW_IN_PROGRESS while a case is open',
  })
  identify(@Body() body: StartIdentificationDto, @Req() request: Request): Promise<CaseStartedDto> {
    return this.start(HOUSEHOLD_IDENTIFICATION, body, request);
  }

  @Post('removals')
  @Action('removal.start')
  @ApiCreatedResponse({ type: CaseStartedDto, description: '404 HOUSEHOLD_NOT_FOUND unless on the register; 409 WORKFLOW_IN_PROGRESS' })
  remove(@Body() body: StartIdentificationDto, @Req() request: Request): Promise<CaseStartedDto> {
    return this.start(HOUSEHOLD_REMOVAL, body, request);
  }

  private async start(definitionId: string, body: StartIdentificationDto, request: Request): Promise<CaseStartedDto> {
    const { metadata, at } = this.context.metadataAt(request, body.at);
    const subject = { kind: 'household' as const, id: body.householdId };
    const data = { definitionId, subject, reason: body.reason, ...(body.at === undefined ? {} : { at }) };
    const result = await this.dispatch.application.exits.start({ type: 'StartWorkflow', data }, metadata);
    return { ...toCommandResponse(result), caseId: result.exitId };
  }
}
