import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@bangfu/domain';

/** The authenticated actor the access guard put on the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
