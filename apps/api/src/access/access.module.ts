import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BANGFU_CONFIG, type BangfuConfig, loadOrCreateSecret } from '@bangfu/application';
import { TokenVerifier } from '../auth/token-verifier';
import { AccessGuard, TOKEN_VERIFIER } from './access.guard';
import { AccessLogController } from './access-log.controller';
import { AccessLog } from './access-log.service';
import { HandlerRefusalInterceptor } from './handler-refusal.interceptor';
import { PersonalDataInterceptor } from './personal-data.interceptor';
import { RateLimiter } from './rate-limiter';
import { RevealController } from './reveal.controller';
import { MeController } from './me.controller';

/** Identity, the access policy, the access log and personal-data protection, for every route. */
@Module({
  controllers: [AccessLogController, RevealController, MeController],
  providers: [
    AccessLog,
    {
      provide: TOKEN_VERIFIER,
      useFactory: (config: BangfuConfig) =>
        new TokenVerifier({
          secret: loadOrCreateSecret(config.dataDir, config.jwtSecret),
          publicKey: config.jwtPublicKey,
          jwksUrl: config.jwksUrl,
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
          rolesClaim: config.jwtRolesClaim,
          regionClaim: config.jwtRegionClaim,
        }),
      inject: [BANGFU_CONFIG],
    },
    { provide: RateLimiter, useFactory: (config: BangfuConfig) => new RateLimiter(config.rateLimitPerMinute), inject: [BANGFU_CONFIG] },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor },
    { provide: APP_INTERCEPTOR, useClass: HandlerRefusalInterceptor },
  ],
  exports: [AccessLog],
})
export class AccessModule {}
