import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CASE_DECISIONS } from '@bangfu/domain';
import { DIVISION_CODE, EntityId, EVENT_ID_PATTERN, ID_PATTERN, Reason } from '../http/common-validators';
import { PagedQueryDto } from '../http/view-query.dto';

export class CaseAgainstDto {
  @ApiProperty({ enum: ['person', 'unit'] }) @IsIn(['person', 'unit']) kind!: 'person' | 'unit';
  @ApiProperty({ example: 'jl-wjw-01' }) @IsString() @Matches(ID_PATTERN) id!: string;
}

export class OpenCaseDto {
  @EntityId('case-2026-001', 'the case’s id') caseId!: string;
  @ApiProperty({ type: CaseAgainstDto }) @IsObject() @ValidateNested() @Type(() => CaseAgainstDto) against!: CaseAgainstDto;
  @ApiProperty({ description: 'what the case is about' }) @IsString() @Length(1, 2000) summary!: string;
  @ApiProperty({
    type: [String],
    example: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
    description: 'ids of the events that ground the case; each must exist and lie in your jurisdiction',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(EVENT_ID_PATTERN, { each: true, message: 'each of groundEventIds must be an event id' })
  groundEventIds!: string[];
}

export class CaseDecisionDto {
  @ApiProperty({ example: 'jl-wjw-01', description: 'one of the case’s parties (see GET /cases/{id})' })
  @IsString()
  @Length(1, 200)
  partyId!: string;
  @ApiProperty({ enum: CASE_DECISIONS }) @IsIn(CASE_DECISIONS) decision!: (typeof CASE_DECISIONS)[number];
  @Reason('the grounds of the decision') reason!: string;
}

export class CasesQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: '222426', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
}
