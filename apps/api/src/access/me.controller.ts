import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bangfu/domain';
import { cadreRow, ReadStore, regionRow, unitName } from '@bangfu/projections';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ViewQueryDto } from '../http/view-query.dto';
import { ACCESS_POLICY } from '@bangfu/application';
import { Action } from './action.decorator';

class MeDto {
  @ApiProperty({ example: 'jl-wjw-01' }) id!: string;
  @ApiPropertyOptional({ example: '禹露', nullable: true, type: String }) name!: string | null;
  @ApiProperty({ type: [String], example: ['cadre'] }) roles!: string[];
  @ApiProperty({ example: '220000', description: 'the jurisdiction (000000: the whole country)' }) regionCode!: string;
  @ApiPropertyOptional({ example: '吉林省', nullable: true, type: String }) regionName!: string | null;
  @ApiPropertyOptional({ example: 'jl-wjw', nullable: true, type: String, description: 'the token’s unit, or a cadre’s own' })
  unitId!: string | null;
  @ApiPropertyOptional({ example: '吉林省卫生健康委员会', nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ type: [String], description: 'every action of the access policy the roles allow (what the console may offer)' })
  actions!: string[];
}

@ApiTags('access')
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly views: ReadStore) {}

  @Get()
  @Action('me.read')
  @ApiOkResponse({ type: MeDto, description: 'the signed-in actor as the token states it, with what the access policy lets it do' })
  me(@CurrentActor() actor: Actor, @Query() _query: ViewQueryDto): MeDto {
    const region = regionRow(this.views, actor.regionCode ?? '');
    const unitId = actor.unitId ?? cadreRow(this.views, actor.id)?.unit_id ?? null;
    const unit = unitId ? unitName(this.views, unitId) : undefined;
    const actions = Object.entries(ACCESS_POLICY)
      .filter(([, entry]) => entry.roles === 'public' || actor.roles.some((role) => (entry.roles as readonly string[]).includes(role)))
      .map(([action]) => action);
    return {
      id: actor.id,
      name: actor.name ?? null,
      roles: actor.roles,
      regionCode: actor.regionCode ?? '',
      regionName: actor.regionCode === '000000' ? '全国' : (region?.name ?? null),
      unitId,
      unitName: unit ?? null,
      actions,
    };
  }
}
