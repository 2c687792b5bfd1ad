import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@bangfu/domain';
import { ProblemException } from '../http/problem';
import { InvalidTokenError, verifyToken } from './jwt';
import { POLICY, type AuthenticatedRequest } from './policy.decorators';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** Deny by default: authenticates the bearer token, puts the actor on the request, checks the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.getAllAndOverride<Role[] | 'public' | undefined>(POLICY, [context.getHandler(), context.getClass()]);
    if (policy === 'public') return true;
    if (!policy) throw new ProblemException(403, 'ROUTE_HAS_NO_POLICY', 'this route has no access policy, so nobody may call it');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new ProblemException(401, 'UNAUTHENTICATED', 'send a bearer token: Authorization: Bearer <token>');
    try {
      const claims = verifyToken(match[1], this.secret);
      request.actor = { id: claims.sub, name: claims.name, roles: claims.roles, regionCode: claims.region, unitId: claims.unit };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ProblemException(401, 'INVALID_TOKEN', error.message);
      throw error;
    }
    if (!request.actor.roles.some((role) => (policy as string[]).includes(role))) {
      throw new ProblemException(403, 'ROLE_NOT_ALLOWED', `this action needs one of the roles: ${policy.join(', ')}`);
    }
    return true;
  }
}
