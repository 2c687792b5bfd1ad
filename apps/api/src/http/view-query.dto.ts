import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every query DTO extends this, so `?minPosition=` is accepted and documented everywhere. */
export class ViewQueryDto {
  @ApiPropertyOptional({ description: 'wait (bounded) until the views have applied the log up to this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

/** A view query that answers a page: `?limit=` (1–1000, 100 by default). */
export class PagedQueryDto extends ViewQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
