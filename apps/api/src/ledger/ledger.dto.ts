import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { Instant, Reason } from '../http/common-validators';
import { PagedQueryDto, ViewQueryDto } from '../http/view-query.dto';

export class EventsQueryDto extends PagedQueryDto {
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
}

export class SignCheckpointDto {
  @Reason('why a checkpoint is signed now (季度封存, before a dossier export …)') reason!: string;
}

export class DossierQueryDto extends ViewQueryDto {
  @Instant('events that happened at or after this instant (business time)') from?: string;
  @Instant('events that happened before this instant') to?: string;
}
