import { applyDecorators, Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { regionPrefix, type Actor } from '@bangfu/domain';
import { ReadStore, supportSystemsIn } from '@bangfu/projections';
import { Action } from '../../access/action.decorator';
import { CalendarDate, DIVISION_CODE, EntityId, ID_PATTERN } from '../../http/common-validators';
import { CommandContext } from '../../http/command-context';
import { CommandResponseDto } from '../../http/command-response.dto';
import { Dispatch } from '../../http/dispatch';

type Request = FastifyRequest & { actor: Actor };
const QUARTER = /^\d{4}-Q[1-4]$/;
/** A list of unit ids, at least `min` of them. */
const UnitIds = (example: string[], description: string, min: number) =>
  applyDecorators(
    ApiProperty({ type: [String], example, description }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(50),
    Matches(ID_PATTERN, { each: true, message: 'each unit id must be 1–64 letters, digits, and _ . : -' }),
  );

export class RegisterSupportSystemDto {
  @EntityId('antu-jiaoyu', 'the 帮扶体系’s id') systemId!: string;
  @ApiProperty({ example: '教育帮扶体系' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '222426' })
  @IsString()
  @Matches(DIVISION_CODE, { message: 'regionCode must be a division code' })
  regionCode!: string;
  @EntityId('jl-wjw', '组长单位: the unit that convenes the members') leadUnitId!: string;
  @UnitIds(['jl-wjw'], '帮扶成员单位 (the 组长单位 is one of them whether listed or not)', 0) memberUnitIds!: string[];
  @ApiProperty({ example: '2026-Q1', description: 'the first quarter a joint meeting is owed' })
  @IsString()
  @Matches(QUARTER, { message: 'firstQuarter must be YYYY-Qn' })
  firstQuarter!: string;
}

export class JointMeetingDto {
  @EntityId('antu-jiaoyu-2026q1', 'the meeting’s id') meetingId!: string;
  @ApiProperty({ example: '2026-Q1' }) @IsString() @Matches(QUARTER, { message: 'quarter must be YYYY-Qn' }) quarter!: string;
  @CalendarDate('the Shanghai day it was held', false, '2026-03-20') heldOn!: string;
  @UnitIds(['jl-wjw'], 'the member units present (the 组长单位 among them)', 1) attendance!: string[];
  @ApiProperty({ type: [String], example: ['落实助学资金到户'], description: '会议决定事项' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  decisions!: string[];
}

/** 帮扶体系 and their quarterly joint meetings (联席会议, seed 001 五(一)). */
@ApiTags('registry')
@Controller('api/v1')
export class SupportSystemsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly context: CommandContext,
    private readonly views: ReadStore,
  ) {}

  @Post('support-systems')
  @Action('support-system.register')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'each quarter from `firstQuarter` owes a joint meeting; 409 SUPPORT_SYSTEM_ALREADY_REGISTERED',
  })
  register(@Body() body: RegisterSupportSystemDto, @Req() request: Request) {
    return this.dispatch.send(
      { type: 'RegisterSupportSystem', data: { ...body, memberUnitIds: [...body.memberUnitIds] } },
      this.context.metadataFor(request),
    );
  }

  @Post('support-systems/:systemId/meetings')
  @Action('support-system.meeting')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'a joint meeting held in its quarter, the 组长单位 present; 422 INVALID_JOINT_MEETING',
  })
  meeting(@Param('systemId') systemId: string, @Body() body: JointMeetingDto, @Req() request: Request) {
    const data = { systemId, ...body, attendance: [...body.attendance], decisions: [...body.decisions] };
    return this.dispatch.send({ type: 'RecordJointMeeting', data }, this.context.metadataFor(request));
  }

  @Get('regions/:code/support-systems')
  @Action('support-system.list')
  @ApiOkResponse({ description: 'the division’s 帮扶体系, each quarter with its meetings, or missed and escalated' })
  list(@Param('code') code: string) {
    return {
      systems: supportSystemsIn(this.views, regionPrefix(code)).map((row) => ({
        systemId: row.system_id,
        name: row.name,
        regionCode: row.region_code,
        leadUnit: { unitId: row.lead_unit_id, name: row.lead_unit_name },
        memberUnitIds: JSON.parse(row.member_unit_ids),
        firstQuarter: row.first_quarter,
        quarters: JSON.parse(row.quarters),
      })),
    };
  }
}
