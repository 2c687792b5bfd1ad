import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PagedQueryDto } from '../http/view-query.dto';

export class AccessLogQueryDto extends PagedQueryDto {
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
}
