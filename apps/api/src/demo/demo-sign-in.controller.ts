import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Action } from '../access/action.decorator';
import { DEMO_PERSONAS } from './demo-personas';
import { DemoSignIn } from './demo-sign-in.service';

export class DemoSignInDto {
  @ApiProperty({ example: 'jl-wjw-01', enum: DEMO_PERSONAS.map((p) => p.id), description: 'the demo persona to sign in as' })
  @IsString()
  @IsIn(DEMO_PERSONAS.map((p) => p.id), { message: 'personaId must name one of the demo personas' })
  personaId!: string;
}

class DemoPersonaDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() role!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() description!: string;
}

class DemoPersonasDto {
  @ApiProperty({ type: [DemoPersonaDto] }) personas!: DemoPersonaDto[];
}

class DemoTokenDto {
  @ApiProperty({ description: 'a bearer token for the persona, valid 8 hours' }) token!: string;
  @ApiProperty() expiresAt!: string;
}

@ApiTags('demo')
@Controller('api/v1/demo')
export class DemoSignInController {
  constructor(private readonly demo: DemoSignIn) {}

  @Get('personas')
  @Action('demo.personas')
  @ApiOkResponse({ type: DemoPersonasDto, description: '403 DEMO_SIGNIN_OFF unless demo sign-in is on (BANGFU_DEMO_SIGNIN)' })
  async personas(@Req() request: FastifyRequest): Promise<DemoPersonasDto> {
    return { personas: (await this.demo.personas(request)).map(({ unitId: _unit, ...persona }) => persona) };
  }

  @Post('sign-in')
  @HttpCode(200)
  @Action('demo.sign-in')
  @ApiOkResponse({
    type: DemoTokenDto,
    description: '403 DEMO_SIGNIN_OFF unless demo sign-in is on; each token issued is in the access log',
  })
  signIn(@Body() body: DemoSignInDto, @Req() request: FastifyRequest): Promise<DemoTokenDto> {
    return this.demo.issue(request, body.personaId);
  }
}
