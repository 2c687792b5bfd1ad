import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ViewQueryDto } from '../http/view-query.dto';

export class EventsQueryDto extends ViewQueryDto {
  @ApiPropertyOptional({ example: 'region-222426', description: 'one stream; otherwise the whole log' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*-\S{1,200}$/, { message: 'stream must be <category>-<id>' })
  stream?: string;

  @ApiPropertyOptional({ example: 'RegionRegistered' })
  @IsOptional()
  @Matches(/^[A-Z][A-Za-z0-9]*$/, { message: 'type must be an event type such as VisitRecorded' })
  type?: string;

  @ApiPropertyOptional({ description: 'exclusive: events after this global position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromPosition?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
