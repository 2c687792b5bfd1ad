import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { DomainError, type Actor } from '@bangfu/domain';
import { ProblemException } from '../http/problem';
import { AccessLog } from './access-log.service';
import { ConcealedRefusal } from '@bangfu/application';
import { ACTION } from './action.decorator';

/**
 * Refusals the guard cannot make — the division is known only once the handler has read the record (a
 * cadre's unit, an exit case's village, a cited event) — go to the access log like the guard's own: who,
 * what, where, and why. The guard logs its refusals itself and runs before this, so none is logged twice.
 */
@Injectable()
export class HandlerRefusalInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const action = this.reflector.get<string | undefined>(ACTION, context.getHandler()) ?? null;
    return next.handle().pipe(
      catchError((error: unknown) => {
        const refusal = refusalOf(error);
        if (!refusal || !request.actor) throw error;
        const data = {
          action,
          status: refusal.status,
          ...refusal.data,
          method: request.method,
          path: request.url.split('?')[0],
          ip: request.ip,
        };
        return from(this.accessLog.record(request.actor, { type: 'AccessRefused', data }, refusal.region)).pipe(
          mergeMap(() => {
            throw error;
          }),
        );
      }),
    );
  }
}

function refusalOf(error: unknown): { status: 403 | 404; data: { code: string; detail: string }; region?: string } | undefined {
  // Answered as unknown, but on the log as what it was: a look outside one's jurisdiction.
  if (error instanceof ConcealedRefusal) return { status: 404, data: { code: error.code, detail: error.message }, region: error.region };
  if (error instanceof DomainError && error.kind === 'forbidden') {
    const region = typeof error.details?.region === 'string' ? error.details.region : undefined;
    return { status: 403, data: { code: error.code, detail: error.message }, region };
  }
  // A refusal made through AccessLog.refuse is on the log already.
  if (error instanceof ProblemException && error.getStatus() === 403 && !(error as { logged?: boolean }).logged) {
    return { status: 403, data: { code: error.code, detail: error.detail } };
  }
  return undefined;
}
