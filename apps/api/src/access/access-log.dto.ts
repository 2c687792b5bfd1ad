import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ViewQueryDto } from '../http/view-query.dto';

export class AccessLogQueryDto extends ViewQueryDto {
  @ApiPropertyOptional({ description: 'the actor (token subject)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ enum: ['refused', 'read', 'revealed'] })
  @IsOptional()
  @IsIn(['refused', 'read', 'revealed'])
  outcome?: 'refused' | 'read' | 'revealed';

  @ApiPropertyOptional({ description: 'recorded at or after (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'recorded before (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
