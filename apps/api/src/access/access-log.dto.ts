import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Min } from 'class-validator';
import { PagedQueryDto } from '../http/view-query.dto';

export class AccessLogQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'the actor (token subject)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({
    enum: ['refused', 'read', 'revealed', 'issued', 'exported'],
    description: 'issued: a demo sign-in token; exported: a table downloaded as a workbook',
  })
  @IsOptional()
  @IsIn(['refused', 'read', 'revealed', 'issued', 'exported'])
  outcome?: 'refused' | 'read' | 'revealed' | 'issued' | 'exported';

  @ApiPropertyOptional({ description: 'recorded at or after (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'the following page: entries before this log position (the `next` of the page before)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ description: 'recorded before (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
