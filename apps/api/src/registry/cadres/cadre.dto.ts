import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { DIVISION_CODE, EntityId, ID_PATTERN, Instant, Reason } from '../../http/common-validators';
import { PagedQueryDto } from '../../http/view-query.dto';

export class RegisterCadreDto {
  @EntityId('jl-wjw-li-ming', 'the cadre’s id: the subject (sub) of their token') cadreId!: string;
  @ApiProperty({ example: '李明' }) @IsString() @Length(1, 50) name!: string;
  @EntityId('jl-wjw', 'the unit the cadre belongs to') unitId!: string;
  @ApiProperty({ example: '科员' }) @IsString() @Length(1, 50) position!: string;
  @ApiPropertyOptional({ example: '13843312345' }) @IsOptional() @IsString() @Matches(/^[\d-]{5,20}$/) phone?: string;
}

export class HandoverDto {
  @ApiProperty({ example: '2224261032010001' }) @IsString() @Matches(/^\d{16}$/) householdId!: string;
  @EntityId('jl-wjw-wang-hua', 'who takes the household over') successorId!: string;
}

export class RecallCadreDto {
  @Reason('召回原因') reason!: string;

  @ApiProperty({ type: [HandoverDto], description: 'every household the cadre holds, with its successor' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HandoverDto)
  handovers!: HandoverDto[];

  @Instant('when; now when omitted') recalledAt?: string;
}

export class RegisterUnitDto {
  @EntityId('jl-wjw', 'the unit’s id') unitId!: string;
  @ApiProperty({ example: '吉林省卫生健康委员会' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '220000', description: 'the division the unit belongs to' })
  @IsString()
  @Matches(DIVISION_CODE)
  regionCode!: string;
  @ApiProperty({ example: '张义', description: 'the lead official (牵头领导 / 组长)' }) @IsString() @Length(1, 50) leadOfficial!: string;
}

export class CadresQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: '222426', description: 'division: the cadres whose division lies in it (within yours)' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional({ example: 'jl-wjw', description: 'only this unit’s cadres' })
  @IsOptional()
  @Matches(ID_PATTERN)
  unit?: string;
  @ApiPropertyOptional({ enum: ['active', 'all'], default: 'active', description: 'active: recalled cadres left out' })
  @IsOptional()
  @IsIn(['active', 'all'])
  status?: 'active' | 'all';
  @ApiPropertyOptional({ description: 'the `next` of the previous page (a cadre id)' })
  @IsOptional()
  @Matches(ID_PATTERN)
  after?: string;
}
