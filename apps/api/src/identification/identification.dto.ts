import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { EXCLUSION_REASONS, type ExclusionReason } from '@bangfu/domain';
import { apply, Instant, Reason } from '../http/common-validators';
import { CommandResponseDto } from '../http/command-response.dto';
import { ExitChecklistDto } from '../exits/checklist.dto';
import { HouseholdProfileDto } from '../registry/households/household.dto';

const declared = (key: ExclusionReason) =>
  [ApiProperty({ description: `${EXCLUSION_REASONS[key]}: present (true) or not (false)` }), IsBoolean()] as PropertyDecorator[];

/** 九不纳入: each disqualifying fact declared, present or not — none may be left out. */
export class ExclusionsDto {
  @apply(declared('PUBLIC_SERVANT')) PUBLIC_SERVANT!: boolean;
  @apply(declared('VEHICLE')) VEHICLE!: boolean;
  @apply(declared('TOWN_HOUSE')) TOWN_HOUSE!: boolean;
  @apply(declared('BUSINESS')) BUSINESS!: boolean;
  @apply(declared('HIRED_LABOUR')) HIRED_LABOUR!: boolean;
  @apply(declared('PRIVATE_SCHOOLING')) PRIVATE_SCHOOLING!: boolean;
  @apply(declared('AWAY_LONG')) AWAY_LONG!: boolean;
  @apply(declared('SPLIT_FOR_BENEFITS')) SPLIT_FOR_BENEFITS!: boolean;
  @apply(declared('REFUSED_SUPPORT')) REFUSED_SUPPORT!: boolean;
}

const nested = (type: () => new () => object, description: string) =>
  [ApiProperty({ type: type(), description }), IsObject(), ValidateNested(), Type(type)] as PropertyDecorator[];

/** 入户走访 of 精准识别: what the visit found, the 九不纳入 declared, and the household as it would be registered. */
export class IdentificationVisitDto {
  @apply(nested(() => ExitChecklistDto, '两不愁三保障 and safe water, each with what was seen: at least one not met'))
  checklist!: ExitChecklistDto;
  @apply(nested(() => ExclusionsDto, '九不纳入, each declared')) exclusions!: ExclusionsDto;
  @apply(nested(() => HouseholdProfileDto, 'the household as it is registered when the case passes')) household!: HouseholdProfileDto;
}

/** 剔除's 核实: the 九不纳入 fact and what shows it. */
export class RemovalEvidenceDto {
  @ApiProperty({ enum: Object.keys(EXCLUSION_REASONS), description: '九不纳入: the disqualifying fact found' })
  @IsIn(Object.keys(EXCLUSION_REASONS))
  reason!: ExclusionReason;
  @ApiProperty({ description: 'what shows it', example: '经查，该户2025年购置小轿车一辆' }) @IsString() @Length(1, 1000) detail!: string;
}

export class StartIdentificationDto {
  @ApiProperty({ example: '2224261032010099', description: '户编号 the household would have: its village code and a 4-digit sequence' })
  @IsString()
  @Matches(/^\d{16}$/, { message: 'householdId must be a 16-digit 户编号' })
  householdId!: string;

  @Reason('why the household is proposed (农户申请, 排查发现 …)') reason!: string;

  @Instant('when the case was started, for history brought in: not in the future; omitted, now') at?: string;
}

export class CaseStartedDto extends CommandResponseDto {
  @ApiProperty({ example: '2224261032010099-1', description: 'the case: `/exits/{caseId}`, acted on at `/exits/{caseId}/steps/{step}`' })
  caseId!: string;
}
