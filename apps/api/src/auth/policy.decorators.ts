import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@bangfu/domain';

export const POLICY = 'bangfu:policy';

/** The roles that may call a route. A route with neither @Allow nor @Public is refused to everyone. */
export const Allow = (...roles: Role[]) => SetMetadata(POLICY, roles);
export const Public = () => SetMetadata(POLICY, 'public');

export interface AuthenticatedRequest {
  actor?: Actor;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
