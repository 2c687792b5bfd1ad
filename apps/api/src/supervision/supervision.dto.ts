import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { FINDING_TARGETS, SAMPLE_KINDS, SEVERITIES } from '@bangfu/domain';
import { DIVISION_CODE, EntityId, EVENT_ID_PATTERN, ID_PATTERN, Instant, Reason, TextList } from '../http/common-validators';
import { CommandResponseDto } from '../http/command-response.dto';
import { PagedQueryDto } from '../http/view-query.dto';

export class DrawSampleDto {
  @EntityId('insp-2026-q1-antu', 'the inspection this draw belongs to: one draw per inspection') inspectionId!: string;
  @ApiProperty({ example: '222426' })
  @IsString()
  @Matches(DIVISION_CODE, { message: 'regionCode must be a division code' })
  regionCode!: string;
  @ApiProperty({ enum: SAMPLE_KINDS }) @IsIn(SAMPLE_KINDS) kind!: (typeof SAMPLE_KINDS)[number];
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10_000 }) @IsInt() @Min(1) @Max(10_000) size!: number;
  @ApiPropertyOptional({ description: 'the random seed; drawn by the server when omitted, and recorded either way' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  seed?: string;
  @Reason('what the inspection is for (季度抽查, 暗访 …)') purpose!: string;
  @ApiProperty({ example: '县督查组' }) @IsString() @Length(1, 100) team!: string;
}

export class SampleDrawnDto extends CommandResponseDto {
  @ApiProperty() seed!: string;
  @ApiProperty({ type: [String] }) sample!: string[];
  @ApiProperty() populationSize!: number;
}

export class FindingTargetDto {
  @ApiProperty({ enum: FINDING_TARGETS }) @IsIn(FINDING_TARGETS) kind!: (typeof FINDING_TARGETS)[number];
  @ApiProperty({ example: '2224261032010001' }) @IsString() @Matches(ID_PATTERN) id!: string;
}

export class RecordFindingDto {
  @EntityId('fd-2026-001', 'the finding’s id') findingId!: string;
  @ApiPropertyOptional({ example: 'insp-2026-q1-antu' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  inspectionId?: string;
  @ApiProperty({ type: FindingTargetDto }) @IsObject() @ValidateNested() @Type(() => FindingTargetDto) target!: FindingTargetDto;
  @ApiProperty({ example: '走访不实' }) @IsString() @Length(1, 50) type!: string;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES) severity!: (typeof SEVERITIES)[number];
  @ApiProperty() @IsString() @Length(1, 2000) description!: string;
  @TextList('what was seen: notes, documents, photos', false) evidence!: string[];
  @ApiProperty({
    type: [String],
    example: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
    description: 'ids of the events the finding rests on; each must exist and lie in your jurisdiction',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(EVENT_ID_PATTERN, { each: true, message: 'each of eventIds must be an event id' })
  eventIds!: string[];
}

export const RECTIFICATION_ACTIONS = ['order', 'report', 'verify'] as const;

export class RectificationDto {
  @ApiProperty({ enum: RECTIFICATION_ACTIONS }) @IsIn(RECTIFICATION_ACTIONS) action!: (typeof RECTIFICATION_ACTIONS)[number];
  @Instant('order: the deadline') deadline?: string;
  @ApiPropertyOptional({ description: 'order: what must be done' }) @IsOptional() @IsString() @Length(1, 2000) requirement?: string;
  @ApiPropertyOptional({ example: 'jl-wjw-01', description: 'order: who must do it (cadre, unit or office id)' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  responsible?: string;
  @ApiPropertyOptional({ description: 'report: what was done' }) @IsOptional() @IsString() @Length(1, 2000) measures?: string;
  @TextList('report: evidence') evidence?: string[];
  @ApiPropertyOptional({ description: 'verify: whether the rectification holds (销号) or not (reopened)' })
  @IsOptional()
  @IsBoolean()
  passed?: boolean;
  @ApiPropertyOptional({ description: 'verify: the verifier’s note' }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export const FINDING_STATUSES = ['recorded', 'ordered', 'reported', 'closed', 'reopened', 'open'] as const;

export class InspectionsQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: '222426', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  before?: string;
}

export class FindingsQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: 'antu-2026-q1', description: 'only the findings recorded under this inspection' })
  @IsOptional()
  @Matches(ID_PATTERN)
  inspection?: string;
  @ApiPropertyOptional({ example: '222426', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional({ enum: FINDING_STATUSES, description: '`open` = not closed' })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: string;
}
