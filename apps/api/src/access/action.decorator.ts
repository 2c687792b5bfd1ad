import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, type ActionName, type PolicyEntry } from '@bangfu/application';

export const ACTION = 'bangfu:action';

/** Names the policy entry that governs a route; the access guard refuses routes without one. */
export function Action(name: ActionName) {
  const entry: PolicyEntry = ACCESS_POLICY[name];
  const who = entry.roles === 'public' ? 'public' : `roles: ${entry.roles.join(', ')}`;
  const decorators = [
    SetMetadata(ACTION, name),
    ApiExtension('x-bangfu-action', name),
    ApiOperation({ summary: entry.description, description: `\`${name}\` — ${who}` }),
  ];
  if (entry.roles !== 'public') {
    decorators.push(
      ApiBearerAuth(),
      ApiUnauthorizedResponse({ description: 'no valid bearer token (problem+json)' }),
      ApiForbiddenResponse({ description: 'role not allowed or outside the jurisdiction (problem+json); the refusal is logged' }),
    );
  }
  return applyDecorators(...decorators);
}
