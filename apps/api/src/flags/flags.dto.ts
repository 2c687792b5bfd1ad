import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { FLAG_STATUSES } from '@bangfu/domain';
import { DIVISION_CODE, ID_PATTERN, Instant } from '../http/common-validators';
import { PagedQueryDto } from '../http/view-query.dto';

export class FlagsQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: '222426', description: 'division; your own when omitted' })
  @IsOptional()
  @Matches(DIVISION_CODE)
  region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[A-Z_]{3,40}$/) type?: string;
  @ApiPropertyOptional({ enum: FLAG_STATUSES }) @IsOptional() @IsIn(FLAG_STATUSES) status?: (typeof FLAG_STATUSES)[number];
  @Instant('flags about facts from this instant') from?: string;
  @Instant('flags about facts before this instant') to?: string;
  @ApiPropertyOptional({ example: 'demo-pandao-ludeng', description: 'only the flags about this fund' })
  @IsOptional()
  @Matches(ID_PATTERN)
  fund?: string;
}

const REVIEW_STATUSES = ['explained', 'confirmed', 'closed'] as const;

export class ReviewFlagDto {
  @ApiProperty({ enum: REVIEW_STATUSES, description: 'explained (说明, by those responsible), confirmed (属实) or closed (办结)' })
  @IsIn(REVIEW_STATUSES)
  status!: (typeof REVIEW_STATUSES)[number];
  @ApiProperty({ description: 'the explanation, or why it is confirmed or closed' }) @IsString() @Length(1, 2000) note!: string;
}
