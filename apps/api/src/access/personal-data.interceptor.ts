import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { mergeMap, type Observable } from 'rxjs';
import { maskPersonalData, type Actor } from '@bangfu/domain';
import { AccessLog } from './access-log.service';
import { ACTION } from './action.decorator';
import { policyFor } from '@bangfu/application';

const OVERSIGHT_ROLES = ['inspector', 'discipline', 'auditor'];

/** Handlers name whose personal data an answer holds (stream or record ids), for the access log. */
export type PersonalDataRequest = FastifyRequest & { actor?: Actor; personalDataSubjects?: string[] };

/**
 * Masks ID and phone numbers in every answer (a logged reveal is the only way to see one), and records
 * reads of personal data by inspectors, discipline reviewers and auditors before the answer leaves.
 */
@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(ACTION, context.getHandler());
    const entry = policyFor(action);
    const request = context.switchToHttp().getRequest<PersonalDataRequest>();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // A workbook is built from rows its route has masked already (and recorded as TableExported).
        if (entry?.unmasked || Buffer.isBuffer(body)) return body;
        const { masked, count } = maskPersonalData(body);
        const actor = request.actor;
        if (count > 0 && actor && actor.roles.some((role) => OVERSIGHT_ROLES.includes(role))) {
          await this.accessLog.record(actor, {
            type: 'PersonalDataRead',
            data: {
              action: action as string,
              method: request.method,
              path: request.url.split('?')[0],
              values: count,
              subjects: (request.personalDataSubjects ?? []).slice(0, 200),
            },
          });
        }
        return masked;
      }),
    );
  }
}
