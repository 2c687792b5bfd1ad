import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Every query DTO extends this, so `?minPosition=` is accepted and documented everywhere. */
export class ViewQueryDto {
  @ApiPropertyOptional({ description: 'wait (bounded) until the views have applied the log up to this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
