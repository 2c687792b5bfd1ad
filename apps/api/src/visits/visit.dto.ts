import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHECK_RESULTS, VISIT_CHECKS, VISIT_KINDS } from '@bangfu/domain';
import { AbsentOrValid, apply, EntityId, Instant, Reason } from '../http/common-validators';
import { PagedQueryDto, ViewQueryDto } from '../http/view-query.dto';

export class FindingDto {
  @ApiProperty({ enum: CHECK_RESULTS }) @IsIn(CHECK_RESULTS) result!: (typeof CHECK_RESULTS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 500) note?: string;
}

const finding = (label: string) =>
  [ApiProperty({ type: FindingDto, description: label }), IsObject(), ValidateNested(), Type(() => FindingDto)] as PropertyDecorator[];

/** 两不愁三保障 and 饮水安全: each seen and judged on every visit. */
export class FindingsDto {
  @apply(finding(VISIT_CHECKS.food)) food!: FindingDto;
  @apply(finding(VISIT_CHECKS.clothing)) clothing!: FindingDto;
  @apply(finding(VISIT_CHECKS.education)) education!: FindingDto;
  @apply(finding(VISIT_CHECKS.medical)) medical!: FindingDto;
  @apply(finding(VISIT_CHECKS.housing)) housing!: FindingDto;
  @apply(finding(VISIT_CHECKS.water)) water!: FindingDto;
}

export class LocationDto {
  @ApiProperty({ example: 42.85 }) @IsNumber() @Min(-90) @Max(90) latitude!: number;
  @ApiProperty({ example: 128.35 }) @IsNumber() @Min(-180) @Max(180) longitude!: number;
}

export class RecordVisitDto {
  @EntityId('jl-wjw-li-ming', 'the cadre who visited (a cadre records their own visits)') cadreId!: string;
  @ApiProperty({ enum: VISIT_KINDS }) @IsIn(VISIT_KINDS) kind!: (typeof VISIT_KINDS)[number];
  @Instant('when the visit happened', false) occurredAt!: string;
  @ApiProperty({ type: FindingsDto }) @IsObject() @ValidateNested() @Type(() => FindingsDto) findings!: FindingsDto;
  @ApiPropertyOptional({ type: [String], description: 'measures discussed (一户一策)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  measures?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) notes?: string;
  @ApiPropertyOptional({ type: LocationDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
}

export class RetractVisitDto {
  @Reason('why the visit is retracted') reason!: string;
}

export class AdoptVisitPolicyDto {
  @ApiProperty({ example: '2027-01-01', description: 'Shanghai date from which it applies: today or later' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  effectiveFrom!: string;
  @ApiProperty({ minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) visitsPerMonth!: number;
  @ApiProperty({ minimum: 1, maximum: 90 }) @IsInt() @Min(1) @Max(90) handoverDays!: number;
  @ApiProperty({ minimum: 0, maximum: 30 }) @IsInt() @Min(0) @Max(30) reminderDays!: number;
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) escalationDays!: number;
  @ApiProperty({ minimum: 1, maximum: 90 }) @IsInt() @Min(1) @Max(90) backfillDays!: number;
  @ApiProperty({ minimum: 1, maximum: 240 }) @IsInt() @Min(1) @Max(240) simultaneousMinutes!: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 30,
    description: '驻村定期报告: days after each month by which the work team reports (5 when omitted)',
  })
  @AbsentOrValid()
  @IsInt()
  @Min(1)
  @Max(30)
  teamReportDays?: number;
  @Reason('the document or decision behind it') reason!: string;
}

export class MonthQueryDto extends ViewQueryDto {
  @ApiPropertyOptional({ example: '2026-03', description: 'Shanghai calendar month; the current one when omitted' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be YYYY-MM' })
  month?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** One month (`month`), or a range of up to 24 (`from`..`to`, both given): a year's heat map is one request. */
export class CoverageQueryDto extends MonthQueryDto {
  @ApiPropertyOptional({ example: '2026-01', description: 'first month of a range (with `to`, instead of `month`)' })
  @IsOptional()
  @Matches(MONTH, { message: '$property must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'last month of a range (with `from`); at most 24 months' })
  @IsOptional()
  @Matches(MONTH, { message: '$property must be YYYY-MM' })
  to?: string;
}

export class OverdueQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: '2026-03' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) month?: string;
  @ApiPropertyOptional({ enum: ['open', 'all'], default: 'open', description: 'open: not yet answered by a catch-up visit' })
  @IsOptional()
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}

export class TimelineQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'entries after this log position (paging)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}
