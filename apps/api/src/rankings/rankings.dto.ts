import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DIVISION_CODE } from '../http/common-validators';
import { ViewQueryDto } from '../http/view-query.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PeopleRankingsQueryDto extends ViewQueryDto {
  @ApiPropertyOptional({ example: '222426', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional({ example: '2026-01', description: 'first Shanghai month ranked; twelve months back when omitted' })
  @IsOptional()
  @Matches(MONTH, { message: '$property must be a month, YYYY-MM' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12', description: 'last Shanghai month ranked; the current month when omitted' })
  @IsOptional()
  @Matches(MONTH, { message: '$property must be a month, YYYY-MM' })
  to?: string;
}
