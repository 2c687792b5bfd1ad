import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ViewQueryDto } from '../../http/view-query.dto';
import { CalendarDate, DIVISION_CODE, Instant, Reason } from '../../http/common-validators';

export class RegisterRegionDto {
  @ApiProperty({
    example: '222426',
    description: '6-digit province/city/county, 9-digit township or 12-digit village code; the parent is derived from it',
  })
  @IsString()
  @Matches(DIVISION_CODE, { message: 'code must be a 6, 9 or 12-digit division code' })
  code!: string;

  @ApiProperty({ example: '安图县' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @Instant(
    'when the division came under the work (its registration’s business time), for a county bringing its history in: ' +
      'not before its parent’s, not in the future; omitted, now. A division registered as of a past time (and every ' +
      'division registered under it) is onboarding (迁移中): its history is entered and nothing in it is judged until a ' +
      'go-live date is declared (`POST /regions/{code}/go-live`)',
  )
  registeredAt?: string;
}

export class DeclareGoLiveDto {
  @CalendarDate(
    'the go-live date (上线日期): from this Shanghai day on the record is complete and obligations and flags are judged. ' +
      'Declared once, never in the future; declare it before entering history, since judgments already made stand',
    false,
  )
  goLiveOn!: string;

  @Reason()
  reason!: string;
}

export class ListRegionsQueryDto extends ViewQueryDto {
  @ApiPropertyOptional({ example: '222426', description: 'list the divisions directly under this one' })
  @IsOptional()
  @Matches(DIVISION_CODE, { message: 'parent must be a division code' })
  parent?: string;

  @ApiPropertyOptional({ enum: ['province', 'city', 'county', 'township', 'village'] })
  @IsOptional()
  @IsIn(['province', 'city', 'county', 'township', 'village'])
  level?: string;

  @ApiPropertyOptional({ example: '德化', description: 'divisions whose name contains this (区划搜索)' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  q?: string;
}

export class RegionDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['province', 'city', 'county', 'township', 'village'] }) level!: string;
  @ApiProperty({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ description: 'business time of the registration' }) registeredAt!: string;
  @ApiProperty({ description: 'when the registration was recorded' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the go-live date declared on this division itself (上线日期), or null' })
  goLiveOn!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'the instant judging starts here: the latest go-live of this division, its township and its county; null, since registration',
  })
  judgedFrom!: string | null;
  @ApiProperty({ description: 'onboarding (迁移中): history is being entered and nothing is judged until a go-live is declared' })
  onboarding!: boolean;
}
