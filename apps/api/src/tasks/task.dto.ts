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
import { RECURRENCES, type Recurrence } from '@bangfu/domain';
import { AbsentOrValid, CalendarDate, DIVISION_CODE, EntityId, Instant, Reason, TextList } from '../http/common-validators';
import { PagedQueryDto } from '../http/view-query.dto';

export class TargetDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 11 }) @IsInt() @Min(1) @Max(100_000_000) quantity!: number;
  @ApiProperty({ example: '个扶贫项目' }) @IsString() @Length(1, 20) unit!: string;
}

export class IssueTaskDto {
  @EntityId('sjs-2018-cd-13', 'the task’s id') taskId!: string;
  @ApiProperty({ example: '石景山区2018年精准扶贫工作计划' }) @IsString() @Length(1, 200) plan!: string;
  @ApiProperty({ example: '13', description: 'the item’s number in the plan' }) @IsString() @Length(1, 20) item!: string;
  @ApiProperty({ example: '开展产业带动工程' }) @IsString() @Length(1, 500) title!: string;
  @ApiProperty({ example: '632723' })
  @IsString()
  @Matches(DIVISION_CODE, { message: 'regionCode must be a division code' })
  regionCode!: string;
  @ApiPropertyOptional({ example: '林光', description: '牵头领导' }) @IsOptional() @IsString() @Length(1, 50) leadOfficial?: string;
  @ApiProperty({ example: '区发改委', description: '牵头单位' }) @IsString() @Length(1, 100) leadUnit!: string;
  @ApiPropertyOptional({ type: [String], description: '配合单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  cooperatingUnits?: string[];
  @ApiProperty({ type: TargetDto }) @IsObject() @ValidateNested() @Type(() => TargetDto) target!: TargetDto;
  @ApiPropertyOptional({ type: 'integer', description: 'money the plan puts on it, in fen' })
  @IsOptional()
  @IsInt({ message: 'amountFen must be an integer number of fen' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;
  @Instant('the deadline', false) deadline!: string;
  @ApiPropertyOptional({ example: '2018年底', description: '时间要求, as the plan words it' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  timing?: string;
}

/** An act's business time, for history brought in. */
const ActedAt = () =>
  Instant(
    'when it happened, for history brought in: not in the future, not before the task’s previous act; on time is ' +
      'judged by it. Omitted, now',
  );

export class ProgressDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'cumulative quantity done so far' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  completed!: number;
  @ApiProperty() @IsString() @Length(1, 2000) note!: string;
  @TextList('evidence: documents, photos, vouchers') evidence?: string[];
  @ActedAt() at?: string;
}

export class TaskCompletionDto {
  @ApiProperty() @IsString() @Length(1, 2000) note!: string;
  @TextList('evidence of completion') evidence?: string[];
  @ActedAt() at?: string;
}

export class TaskVerificationDto {
  @ApiProperty({ description: 'verified (true) or rejected (false)' }) @IsBoolean() approved!: boolean;
  @ApiProperty() @IsString() @Length(1, 2000) note!: string;
  @ActedAt() at?: string;
}

export const TASK_STATUSES = ['issued', 'in_progress', 'submitted', 'completed', 'overdue'] as const;

/** 考核期: only tasks whose deadline falls within these Shanghai calendar days (both inclusive) are counted. */
export class DuePeriodQueryDto extends PagedQueryDto {
  @CalendarDate('count only tasks due on or after this day (考核期 start)', true, '2026-01-01') dueFrom?: string;
  @CalendarDate('count only tasks due on or before this day (考核期 end); 422 PERIOD_INVALID before dueFrom', true, '2026-12-31')
  dueTo?: string;
}

export class TasksQueryDto extends DuePeriodQueryDto {
  @ApiPropertyOptional({ example: '632723', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional({ example: '区教委', description: '牵头单位' }) @IsOptional() @IsString() @Length(1, 100) unit?: string;
  @ApiPropertyOptional({ example: '林光', description: '牵头领导' }) @IsOptional() @IsString() @Length(1, 50) lead?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: string;
}

export class RankingsQueryDto extends DuePeriodQueryDto {
  @ApiPropertyOptional({ example: '632723', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional({ enum: ['unit', 'lead'], default: 'unit' }) @IsOptional() @IsIn(['unit', 'lead']) by?: 'unit' | 'lead';
}

export class DefineRecurringTaskDto {
  @EntityId('songjiang-zicha', 'the series’ id; each period’s task is `<id>-<period>`') seriesId!: string;
  @ApiProperty({ example: '安图县脱贫攻坚自查自评办法' }) @IsString() @Length(1, 200) plan!: string;
  @ApiProperty({ example: '松江镇脱贫攻坚月度自查自评' }) @IsString() @Length(1, 400) title!: string;
  @ApiProperty({ example: '222426103' })
  @IsString()
  @Matches(DIVISION_CODE, { message: 'regionCode must be a division code' })
  regionCode!: string;
  @ApiPropertyOptional({ description: '牵头领导' }) @AbsentOrValid() @IsString() @Length(1, 50) leadOfficial?: string;
  @ApiProperty({ example: '松江镇人民政府', description: '牵头单位 (the township or county department that self-checks)' })
  @IsString()
  @Length(1, 100)
  leadUnit!: string;
  @ApiPropertyOptional({ type: [String], description: '配合单位' })
  @AbsentOrValid()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  cooperatingUnits?: string[];
  @ApiProperty({ enum: RECURRENCES }) @IsIn(RECURRENCES) recurrence!: Recurrence;
  @ApiProperty({ example: '2026-03', description: 'the first period: YYYY-MM (monthly) or YYYY-Qn (quarterly)' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: 'firstPeriod must be YYYY-MM or YYYY-Qn' })
  firstPeriod!: string;
  @ApiProperty({ minimum: 0, maximum: 60, description: 'days after a period by which its self-check is reported' })
  @IsInt()
  @Min(0)
  @Max(60)
  reportDays!: number;
  @ApiProperty({ type: TargetDto }) @IsObject() @ValidateNested() @Type(() => TargetDto) target!: TargetDto;
}

export class EndRecurringTaskDto {
  @Reason('why it ends') reason!: string;
}
