import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DIVISION_CODE, EntityId, Fen, Instant } from '../http/common-validators';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ApproveProjectDto {
  @EntityId('pandao-benzha-youfang', 'the project’s id') projectId!: string;
  @ApiProperty({ example: '盘道村笨榨油坊' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '222426103202' }) @IsString() @Matches(DIVISION_CODE) regionCode!: string;
  @EntityId('jl-wjw', 'the lead unit (牵头单位)') leadUnitId!: string;
  @Fen('budget in fen (分)') budgetFen!: number;
  @ApiProperty({ example: '2019-12-31', description: 'date by which it should be completed' })
  @IsString()
  @Matches(DATE, { message: '$property must be a date, YYYY-MM-DD' })
  dueOn!: string;
}

export class BeneficiariesDto {
  @ApiProperty({ type: [String], example: ['2224261032010001'], description: '户编号 of the households it lifts (带贫)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @Matches(/^\d{16}$/, { each: true, message: 'each of $property must be a 16-digit 户编号' })
  householdIds!: string[];
  @ApiProperty({ example: '入股分红', description: 'the 利益联结 (dividend, wage, purchase, …)' })
  @IsString()
  @Length(1, 100)
  link!: string;
}

export class MilestoneDto {
  @ApiProperty({ example: '设备安装完成' }) @IsString() @Length(1, 200) milestone!: string;
  @Instant('when it was reached; now when omitted') reachedOn?: string;
}

export class ProjectCompletionDto {
  @Instant('when it was completed', false) completedOn!: string;
}

export class AcceptanceDto {
  @ApiProperty({ description: 'whether it passed 验收' }) @IsBoolean() passed!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) notes?: string;
}

export class ProjectNoticeDto {
  @ApiProperty({ minimum: 7, description: 'days the notice stays up (at least 7)' }) @IsInt() @Min(1) @Max(365) days!: number;
  @ApiProperty({ description: 'what is published: the project, its funds, its beneficiaries' })
  @IsString()
  @Length(1, 5000)
  content!: string;
  @Instant('from when; now when omitted') from?: string;
}
