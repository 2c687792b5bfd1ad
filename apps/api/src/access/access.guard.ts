import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS_ACTOR, type Actor, villageOfHousehold } from '@bangfu/domain';
import { InvalidTokenError, policyFor, type RegionSource, withinJurisdiction } from '@bangfu/application';
import type { TokenVerifier } from '../auth/token-verifier';
import { ProblemException } from '../http/problem';
import { AccessLog } from './access-log.service';
import { ACTION } from './action.decorator';
import { RateLimiter } from './rate-limiter';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

type Request = FastifyRequest & { actor?: Actor };

/**
 * One gate for every route, deny by default: the route must name a policy action; the bearer token must
 * verify; the token (or, without one, the address) must be within its rate; the role must be allowed;
 * the target region must lie in the actor's jurisdiction. Every refusal is written to the access log first.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly accessLog: AccessLog,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const action = this.reflector.get<string | undefined>(ACTION, context.getHandler());
    const entry = policyFor(action);
    if (entry?.roles === 'public') return true;
    if (!entry) {
      throw await this.accessLog.refuse(request, ANONYMOUS_ACTOR, {
        action: action ?? null,
        status: 403,
        code: 'ROUTE_HAS_NO_POLICY',
        detail: 'this route has no access policy, so nobody may call it',
      });
    }

    const actor = await this.authenticate(request, action as string);
    this.throttle(actor.id);
    request.actor = actor;

    if (!actor.roles.some((role) => (entry.roles as readonly string[]).includes(role))) {
      throw await this.accessLog.refuse(request, actor, {
        action: action as string,
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
        detail: `this action needs one of the roles: ${entry.roles.join(', ')}`,
      });
    }
    const target = entry.region ? regionOf(request, entry.region) : undefined;
    if (target !== undefined && !withinJurisdiction(actor, target, entry.region?.orAbove)) {
      throw await this.accessLog.refuse(request, actor, {
        action: action as string,
        status: 403,
        code: 'OUTSIDE_JURISDICTION',
        detail: `region ${target} is outside your jurisdiction`,
        region: target,
      });
    }
    return true;
  }

  private async authenticate(request: Request, action: string): Promise<Actor> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    let refusal: { code: string; detail: string };
    if (!match) {
      refusal = { code: 'UNAUTHENTICATED', detail: 'send a bearer token: Authorization: Bearer <token>' };
    } else {
      try {
        const claims = await this.verifier.verify(match[1]);
        return { id: claims.sub, name: claims.name, roles: claims.roles, regionCode: claims.region, unitId: claims.unit };
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        refusal = { code: error.code, detail: error.message };
      }
    }
    // Without an identity the address is what is rate-limited, before anything is written.
    this.throttle(`ip:${request.ip}`);
    throw await this.accessLog.refuse(request, ANONYMOUS_ACTOR, { action, status: 401, ...refusal });
  }

  private throttle(key: string): void {
    const wait = this.limiter.take(key);
    if (wait > 0) {
      throw new ProblemException(
        429,
        'RATE_LIMITED',
        `too many requests; retry in ${wait} s`,
        undefined,
        {},
        { 'retry-after': String(wait) },
      );
    }
  }
}

/** The region a request targets, when it can be read off the request before validation; else undefined. */
function regionOf(request: Request, source: RegionSource): string | undefined {
  const bag = (source.in === 'param' ? request.params : source.in === 'query' ? request.query : request.body) as
    Record<string, unknown> | undefined;
  const raw = bag && typeof bag === 'object' ? bag[source.name] : undefined;
  const value = typeof raw === 'string' && source.household && /^\d{16}$/.test(raw) ? villageOfHousehold(raw) : raw;
  return typeof value === 'string' && /^\d{6,12}$/.test(value) ? value : undefined;
}
