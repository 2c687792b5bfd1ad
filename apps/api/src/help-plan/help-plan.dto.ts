import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MEASURE_KINDS, VISIT_CHECKS, type MeasureKind, type VisitCheck } from '@bangfu/domain';
import { AbsentOrValid, CalendarDate, EntityId, ID_PATTERN, Reason, TextList } from '../http/common-validators';

const CHECKS = Object.keys(VISIT_CHECKS) as VisitCheck[];

export class AddMeasureDto {
  @EntityId('m-2026-001', 'the measure’s id in this household’s plan (chosen by the office; a resend with it adds nothing)')
  measureId!: string;
  @ApiProperty({ enum: MEASURE_KINDS }) @IsIn(MEASURE_KINDS) kind!: MeasureKind;
  @ApiProperty({ example: '发放黄牛2头，落实养殖技术指导', description: 'what is promised (帮扶内容)' })
  @IsString()
  @Length(1, 500)
  promise!: string;
  @EntityId('jl-wjw-li-ming', 'the cadre responsible for delivering it') cadreId!: string;
  @CalendarDate('the Shanghai day it is due by', false, '2026-06-30') dueOn!: string;
  @ApiPropertyOptional({ enum: CHECKS, isArray: true, description: 'the 两不愁三保障 checks it answers' })
  @AbsentOrValid()
  @IsArray()
  @ArrayMaxSize(CHECKS.length)
  @IsIn(CHECKS, { each: true })
  addresses?: VisitCheck[];
}

export class ReviseMeasureDto {
  @ApiPropertyOptional({ example: '发放基础母牛2头', description: 'what is now promised' })
  @AbsentOrValid()
  @IsString()
  @Length(1, 500)
  promise?: string;
  @ApiPropertyOptional({ example: 'jl-wjw-02', description: 'the cadre now responsible' })
  @AbsentOrValid()
  @Matches(ID_PATTERN, { message: '$property must be 1–64 letters, digits, and _ . : -' })
  cadreId?: string;
  @ApiPropertyOptional({ example: '2026-09-30', format: 'date', description: 'the new due date' })
  @AbsentOrValid()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a date that exists on the calendar' })
  dueOn?: string;
  @Reason('why it is revised') reason!: string;
}

export class DeliveryChannelDto {
  @ApiProperty({ enum: ['fund', 'project'] }) @IsIn(['fund', 'project']) kind!: 'fund' | 'project';
  @ApiPropertyOptional({ example: 'demo-antu-chanye-daohu', description: 'with kind fund: the fund' })
  @ValidateIf((o: DeliveryChannelDto) => o.kind === 'fund')
  @Matches(ID_PATTERN, { message: '$property must be 1–64 letters, digits, and _ . : -' })
  fundId?: string;
  @ApiPropertyOptional({ example: 'demo-chanye-daohu-1', description: 'with kind fund: its disbursement to this household' })
  @ValidateIf((o: DeliveryChannelDto) => o.kind === 'fund')
  @Matches(ID_PATTERN, { message: '$property must be 1–64 letters, digits, and _ . : -' })
  disbursementId?: string;
  @ApiPropertyOptional({ example: 'demo-pandao-benzha-youfang', description: 'with kind project: the project the household benefits from' })
  @ValidateIf((o: DeliveryChannelDto) => o.kind === 'project')
  @Matches(ID_PATTERN, { message: '$property must be 1–64 letters, digits, and _ . : -' })
  projectId?: string;
}

export class MeasureDeliveryDto {
  @ApiProperty({ description: 'true: delivered (with the day and evidence); false: not delivered (with the reason)' })
  @IsBoolean()
  delivered!: boolean;
  @ValidateIf((o: MeasureDeliveryDto) => o.delivered)
  @CalendarDate('with delivered: the Shanghai day it was delivered', false, '2026-05-20')
  deliveredOn?: string;
  @TextList('with delivered: the evidence (签收单, photos, vouchers)') evidence?: string[];
  @ApiPropertyOptional({ description: 'with delivered: a note' }) @IsOptional() @IsString() @Length(0, 1000) note?: string;
  @ApiPropertyOptional({ type: DeliveryChannelDto, description: 'with delivered: the disbursement or project it came through' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryChannelDto)
  via?: DeliveryChannelDto;
  @ValidateIf((o: MeasureDeliveryDto) => !o.delivered)
  @Reason('without delivered: why it was not delivered')
  reason?: string;
}
