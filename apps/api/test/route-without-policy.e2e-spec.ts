import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig, signToken } from '@bangfu/application';
import { AppModule } from '../src/app.module';

// A route someone forgot to give a policy action.
@Controller('api/v1/forgotten')
class ForgottenController {
  @Get()
  secrets() {
    return { leaked: true };
  }
}

describe('a route with no policy entry', () => {
  it('is refused to everyone, even a national auditor, and the refusal is logged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-nopolicy-'));
    const config = loadConfig({ BANGFU_DATA_DIR: dataDir, BANGFU_JWT_SECRET: 's', BANGFU_LOG: 'false', BANGFU_TIMER_INTERVAL_MS: '0' });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config)],
      controllers: [ForgottenController],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const token = signToken({ sub: 'a', roles: ['auditor', 'county-admin'], region: '000000', ttlSeconds: 60 }, 's');
    const response = await app.inject({ method: 'GET', url: '/api/v1/forgotten', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'ROUTE_HAS_NO_POLICY' });
    expect(response.body).not.toContain('leaked');
    const log = await app.inject({
      method: 'GET',
      url: `/api/v1/access-log?outcome=refused&minPosition=1`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(log.json()).toEqual({
      entries: [expect.objectContaining({ code: 'ROUTE_HAS_NO_POLICY', path: '/api/v1/forgotten' })],
      next: null,
    });
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
