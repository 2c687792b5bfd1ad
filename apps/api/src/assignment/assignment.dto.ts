import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';
import { EntityId, ID_PATTERN, Instant, Reason } from '../http/common-validators';
import { ViewQueryDto } from '../http/view-query.dto';

export class AssignCadreDto {
  @EntityId('jl-wjw-li-ming', 'the cadre who takes responsibility; a handover when someone holds the household') cadreId!: string;
  @Instant('from when; now when omitted') from?: string;
  @Reason('why (调整原因)', true) reason?: string;
}

export class EndAssignmentDto {
  @Reason('why responsibility ends (only after the household has exited)') reason!: string;
  @Instant('when; now when omitted') at?: string;
}

export class AssignUnitDto {
  @EntityId('jl-wjw', 'the unit that takes the village (包村)') unitId!: string;
  @Instant('from when; now when omitted') from?: string;
  @Reason('why', true) reason?: string;
}

export class AssignWorkTeamDto {
  @ApiProperty({ type: [String], example: ['jl-wjw-01', 'jl-wjw-02'], description: 'the resident work team (驻村工作队)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true })
  memberIds!: string[];

  @EntityId('jl-wjw-zhang-cheng', '第一书记, a member of the team') firstSecretaryId!: string;
  @Instant('from when; now when omitted') from?: string;
  @Reason('why', true) reason?: string;
}

export class ResponsibilityQueryDto extends ViewQueryDto {
  @Instant('business time: who held it at this instant') at?: string;
  @Instant('record time: as the record stood at this instant') knownAt?: string;
}
