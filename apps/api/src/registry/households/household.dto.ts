import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { EXCLUSION_REASONS, HOUSEHOLD_CATEGORIES, MEMBER_RELATIONS, POVERTY_CAUSES } from '@bangfu/domain';
import { AbsentOrValid, Instant, Reason, VillageCode } from '../../http/common-validators';
import { PagedQueryDto, ViewQueryDto } from '../../http/view-query.dto';

export class MemberDto {
  @ApiProperty({ example: '金大山' }) @IsString() @Length(1, 50) name!: string;
  @ApiProperty({
    example: '222426196503120019',
    description: '身份证号, 18 characters with the GB 11643 check character; masked in every answer',
  })
  @IsString()
  @Matches(/^\d{17}[\dX]$/, { message: '$property must be 17 digits and a check digit or X' })
  idNumber!: string;
  @ApiProperty({ enum: MEMBER_RELATIONS }) @IsIn(MEMBER_RELATIONS) relation!: (typeof MEMBER_RELATIONS)[number];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;
}

class ProfileFields {
  @ApiProperty({ type: [MemberDto], description: 'every member, exactly one with relation 户主' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members!: MemberDto[];

  @ApiProperty({ enum: HOUSEHOLD_CATEGORIES }) @IsIn(HOUSEHOLD_CATEGORIES) category!: (typeof HOUSEHOLD_CATEGORIES)[number];

  @ApiProperty({ enum: POVERTY_CAUSES, isArray: true, description: '致贫原因, the main one first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(11)
  @IsIn(POVERTY_CAUSES, { each: true })
  causes!: (typeof POVERTY_CAUSES)[number][];
}

/** The household as a 精准识别 visit records it, to be registered when the case passes. */
export class HouseholdProfileDto extends ProfileFields {
  @ApiPropertyOptional({ example: '13843312345' }) @AbsentOrValid() @IsString() @Matches(/^[\d-]{5,20}$/) phone?: string;
}

export class RegisterHouseholdDto extends ProfileFields {
  @ApiProperty({ example: '2224261032010001', description: '户编号: the village code and a 4-digit sequence' })
  @IsString()
  @Matches(/^\d{16}$/, { message: '$property must be 16 digits: the village code and a 4-digit sequence' })
  householdId!: string;

  @VillageCode() villageCode!: string;

  @ApiPropertyOptional({ example: '13843312345' }) @IsOptional() @IsString() @Matches(/^[\d-]{5,20}$/) phone?: string;

  @Instant('when the household was identified (识别); now when omitted') identifiedAt?: string;
}

export class ProfileChangesDto {
  @ApiPropertyOptional({ type: [MemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members?: MemberDto[];

  @ApiPropertyOptional({ enum: HOUSEHOLD_CATEGORIES })
  @IsOptional()
  @IsIn(HOUSEHOLD_CATEGORIES)
  category?: (typeof HOUSEHOLD_CATEGORIES)[number];

  @ApiPropertyOptional({ enum: POVERTY_CAUSES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(POVERTY_CAUSES, { each: true })
  causes?: (typeof POVERTY_CAUSES)[number][];

  @ApiPropertyOptional({ example: '13843312345' }) @IsOptional() @IsString() @Matches(/^[\d-]{5,20}$/) phone?: string;
}

export class CorrectHouseholdDto {
  @ApiProperty({ type: ProfileChangesDto, description: 'the fields to correct, with their right values' })
  @IsObject()
  @ValidateNested()
  @Type(() => ProfileChangesDto)
  changes!: ProfileChangesDto;

  @Reason('why the record was wrong (更正原因)') reason!: string;

  @Instant(
    'from when the corrected values hold — for a wrong registration (原登记属性有误), as early as the registration itself; ' +
      'not before it, not in the future; omitted, from now. A read `asOf` a later time shows the corrected values, ' +
      '`knownAt` a time before this correction was recorded still shows what the record said then',
  )
  effectiveFrom?: string;
}

export class RemoveHouseholdDto {
  @ApiProperty({ enum: Object.keys(EXCLUSION_REASONS), description: '九不纳入: the disqualifying fact' })
  @IsIn(Object.keys(EXCLUSION_REASONS))
  reason!: keyof typeof EXCLUSION_REASONS;

  @ApiProperty({ description: 'the evidence found' }) @IsString() @Length(1, 1000) detail!: string;

  @Instant('when the fact was established; now when omitted') removedAt?: string;
}

export class RelapseDto {
  @Reason('返贫原因') reason!: string;
  @Instant('when the household fell back into poverty; now when omitted') relapsedAt?: string;
}

export class AsOfQueryDto extends ViewQueryDto {
  @Instant('business time: the household as it was then') asOf?: string;
  @Instant('record time: as the record stood then') knownAt?: string;
}

export class RegionHouseholdsQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'households after this 户编号 (paging)' })
  @IsOptional()
  @Matches(/^\d{16}$/)
  after?: string;
}
