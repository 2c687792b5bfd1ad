import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { ProjectionRunner } from '@bangfu/projections';
import { BANGFU_CONFIG, type BangfuConfig } from '@bangfu/application';
import { invalidField } from './problem';

/** `GET …?minPosition=N` waits until the views have applied the log up to N, or answers 503 VIEWS_BEHIND. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: { minPosition?: string } }>>();
    const raw = request.method === 'GET' ? request.query?.minPosition : undefined;
    if (raw === undefined) return next.handle();
    const position = Number(raw);
    if (!Number.isSafeInteger(position) || position < 0) {
      throw invalidField('minPosition', 'minPosition must be a non-negative integer');
    }
    return from(this.runner.waitFor(position, this.config.maxViewWaitMs)).pipe(mergeMap(() => next.handle()));
  }
}
