import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { STEP_ACTIONS } from '@bangfu/workflow';
import { apply, Fen, ID_PATTERN, Instant, OneOf, Reason } from '../http/common-validators';
import { CommandResponseDto } from '../http/command-response.dto';
import { IdentificationVisitDto, RemovalEvidenceDto } from '../identification/identification.dto';
import { ExitChecklistDto } from './checklist.dto';

const text = (max: number, description: string, example?: string) =>
  [ApiProperty({ description, example }), IsString(), Length(1, max)] as PropertyDecorator[];
const count = (description: string) =>
  [ApiProperty({ type: 'integer', minimum: 0, description }), IsInt(), Min(0), Max(10_000_000)] as PropertyDecorator[];
const nested = (type: () => new () => object, description: string, optional = true) =>
  [
    ...(optional ? [IsOptional(), ApiPropertyOptional({ type: type(), description })] : [ApiProperty({ type: type(), description })]),
    IsObject(),
    ValidateNested(),
    Type(type),
  ] as PropertyDecorator[];

export class StartExitDto {
  @ApiPropertyOptional({ example: '2224261032010001', description: 'the household proposed for exit (16 digits) — or villageCode' })
  @OneOf('villageCode')
  @IsString()
  @Matches(/^\d{16}$/, { message: 'householdId must be a 16-digit 户编号' })
  householdId?: string;

  @ApiPropertyOptional({ example: '222426103202', description: 'the village proposed for exit (出列) — or householdId' })
  @OneOf('householdId')
  @IsString()
  @Matches(/^\d{12}$/, { message: 'villageCode must be a 12-digit village code' })
  villageCode?: string;

  @Reason('why the exit is proposed now') reason!: string;

  @Instant('when the case was started, for history brought in: not in the future, not before the previous case ended; omitted, now')
  at?: string;
}

export class ExitStartedDto extends CommandResponseDto {
  @ApiProperty({ example: '2224261032010001-1', description: 'the exit case: `/exits/{exitId}`' }) exitId!: string;
}

export class IncomeItemDto {
  @apply(text(50, 'income source (工资性、经营性、财产性、转移性收入 …)', '工资性收入')) source!: string;
  @Fen('amount over the last 12 months, in fen') amountFen!: number;
}

/** 入户核实: 看、查、算、访. */
export class HouseholdVerificationDto {
  @ApiProperty({ type: [IncomeItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => IncomeItemDto)
  incomeItems!: IncomeItemDto[];
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: '生产经营性支出 over the same 12 months, in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  expensesFen?: number;
  @apply(nested(() => ExitChecklistDto, '两不愁三保障 and safe water', false)) checklist!: ExitChecklistDto;
  @ApiProperty({ type: [String], description: 'who was interviewed (访)', example: ['户主金大山', '邻居'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  interviewed!: string[];
}

/** 民主评议 at the 村民代表大会. */
export class VoteDto {
  @apply(count('votes for the exit')) for!: number;
  @apply(count('votes against')) against!: number;
  @apply(count('abstentions')) abstain!: number;
  @apply(text(1000, 'minutes of the meeting', '村民代表大会，应到25人，实到24人')) minutes!: string;
}

export class ExitNoticeDto {
  @apply(text(200, 'where the notice was posted', '村务公开栏')) location!: string;
  @ApiPropertyOptional({ description: 'what was received during the notice (none, or how each was resolved)' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  remarks?: string;
}

export class ObjectionDto {
  @apply(text(100, 'who raised it (a villager may stay anonymous: 匿名)', '村民')) raisedBy!: string;
  @apply(text(1000, 'the objection', '该户家中新购农用车，收入未如实申报')) content!: string;
}

export class ReviewDto {
  @apply(text(1000, 'the reviewer’s opinion', '经审核，符合退出标准')) opinion!: string;
}

export class AgreementDto {
  @ApiProperty({ description: 'the household agrees to exit (认可签字)' }) @IsBoolean() agreed!: boolean;
  @apply(text(100, 'who signed for the household', '户主金大山')) signedBy!: string;
}

export class AnnouncementDto {
  @apply(text(100, 'the announcement’s document number', '安扶〔2026〕12号')) number!: string;
  @ApiPropertyOptional({ type: AgreementDto, description: 'a household exit needs the household’s signed agreement' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementDto)
  householdAgreement?: AgreementDto;
}

export class VillageCheckDto {
  @ApiProperty({ example: 'leading-industry', description: 'a checklist item key of the standard in force' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/)
  key!: string;
  @ApiProperty() @IsBoolean() met!: boolean;
  @apply(text(500, 'the evidence', '笨榨油坊，入股分红')) evidence!: string;
}

export class VillageVerificationDto {
  @ApiProperty({ type: [VillageCheckDto], description: 'the province checklist (e.g. 九有), item by item' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VillageCheckDto)
  checklist!: VillageCheckDto[];
}

/** One act on the current step. Approval carries the step's evidence: see each step's `evidence` field. */
export class ActOnStepDto {
  @ApiProperty({ enum: STEP_ACTIONS }) @IsIn(STEP_ACTIONS) action!: (typeof STEP_ACTIONS)[number];
  @apply(nested(() => HouseholdVerificationDto, '入户核实 (household `verification` step)')) verification?: HouseholdVerificationDto;
  @apply(nested(() => VoteDto, '民主评议 (`review` step)')) vote?: VoteDto;
  @apply(nested(() => ExitNoticeDto, '公示 (`notice` step)')) notice?: ExitNoticeDto;
  @apply(nested(() => ReviewDto, '乡镇审核 / 县级审定 opinion (`township`, `county`; village `announcement`)')) review?: ReviewDto;
  @apply(nested(() => AnnouncementDto, '公告 (household `announcement` step)')) announcement?: AnnouncementDto;
  @apply(nested(() => VillageVerificationDto, '村级核查 (village `verification` step)')) villageVerification?: VillageVerificationDto;
  @apply(nested(() => ObjectionDto, 'the objection (action `object`, during 公示)')) objection?: ObjectionDto;
  @apply(nested(() => IdentificationVisitDto, '精准识别 入户走访 (identification `visit` step)')) identification?: IdentificationVisitDto;
  @apply(nested(() => RemovalEvidenceDto, '剔除 核实 (removal `verification` step)')) removal?: RemovalEvidenceDto;
  @Reason('why (action `return` or `withdraw`)', true) reason?: string;

  @Instant(
    'when the act happened, for history brought in: not in the future, not before the step began; a step’s minimum ' +
      'duration (公示 ≥ 7 days) is measured in this business time. Omitted, now. The record time is always the store’s',
  )
  at?: string;
}

export class ChecklistItemDto {
  @ApiProperty({ example: 'leading-industry' }) @IsString() @Matches(/^[a-z0-9-]{1,40}$/) key!: string;
  @apply(text(100, 'the item as the province words it', '有主导产业')) title!: string;
}

export class AdoptExitStandardDto {
  @ApiProperty({ example: '2027-01-01', description: 'Shanghai date from which it applies (today or later)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date, YYYY-MM-DD' })
  effectiveFrom!: string;
  @Fen('扶贫标准: income line per person per year, in fen') incomeLineFen!: number;
  @ApiProperty({ type: 'integer', example: 200, description: '贫困发生率 limit in basis points (200 = 2%, 300 = 3% in the west)' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  incidenceLimitBp!: number;
  @ApiProperty({ type: [ChecklistItemDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  villageChecklist!: ChecklistItemDto[];
  @ApiPropertyOptional({ type: 'integer', default: 200, description: '摘帽: 错退率 limit in basis points (200 = 2%)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  wrongExitLimitBp?: number;
  @ApiPropertyOptional({ type: 'integer', default: 200, description: '摘帽: 漏评率 limit in basis points (200 = 2%)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  missedLimitBp?: number;
  @ApiPropertyOptional({ type: 'integer', default: 9000, description: '摘帽: 群众认可度 minimum in basis points (9000 = 90%)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  approvalMinimumBp?: number;
  @Reason('the document that sets it') reason!: string;
}

export class RuralPopulationDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1260 }) @IsInt() @Min(1) @Max(200_000_000) population!: number;
  @ApiProperty({ example: '2026-01-01' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) asOf!: string;
  @apply(text(200, 'where the figure comes from', '2025年统计年报')) source!: string;
}

export class SpotCheckDto {
  @ApiProperty({ example: 'chk-2026-01' }) @IsString() @Matches(ID_PATTERN) checkId!: string;
  @ApiProperty({ example: '2026-06-20' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) checkedOn!: string;
  @apply(count('exited households re-verified')) exitedSampled!: number;
  @apply(count('of them, wrongly exited (错退)')) wronglyExited!: number;
  @apply(count('households not on the register visited')) othersSampled!: number;
  @apply(count('of them, poor but not registered (漏评)')) missedPoor!: number;
  @apply(text(200, 'who checked', '省第三方评估组')) team!: string;
}

export class SatisfactionSurveyDto {
  @ApiProperty({ example: 'svy-2026-01' }) @IsString() @Matches(ID_PATTERN) surveyId!: string;
  @ApiProperty({ example: '2026-06-20' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) surveyedOn!: string;
  @apply(count('people asked')) respondents!: number;
  @apply(count('of them, satisfied with the exits (认可)')) satisfied!: number;
  @apply(text(200, 'who surveyed', '省第三方评估组')) team!: string;
}
