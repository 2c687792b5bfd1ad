import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@bangfu/domain';
import { InvalidAppendError } from '@bangfu/eventstore';
import { ViewsBehindError } from '@bangfu/projections';
import { ConcealedRefusal } from '@bangfu/application';
import { BodyRefusedError } from './json-body';
import { ProblemException, problemBody, type ProblemBody } from './problem';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = { rule: 409, invalid: 422, not_found: 404, forbidden: 403 };

/** Every error leaves as application/problem+json; nothing internal (stack, SQL, paths) is revealed. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = withFieldErrors(this.toProblem(exception));
    // Only a path that matched a route is named back: an unmatched one is the caller's text, echoed to nobody.
    if (request.routeOptions?.url) body.instance = request.url.split('?')[0];
    if (body.status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (exception instanceof ProblemException)
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }

  toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ConcealedRefusal) return this.toProblem(exception.answer);
    if (exception instanceof BodyRefusedError) return problemBody(400, exception.code, exception.message);
    if (exception instanceof ProblemException) {
      return problemBody(exception.getStatus(), exception.code, exception.detail, exception.errors, exception.extensions);
    }
    if (exception instanceof DomainError) {
      return problemBody(
        DOMAIN_STATUS[exception.kind],
        exception.code,
        exception.message,
        exception.fieldErrors && [...exception.fieldErrors],
        exception.details ?? {},
      );
    }
    if (exception instanceof ViewsBehindError) {
      return problemBody(503, exception.code, exception.message, undefined, { wanted: exception.wanted, reached: exception.reached });
    }
    if (exception instanceof InvalidAppendError) return problemBody(422, exception.code, exception.message);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // The Fastify adapter reports an unparseable body as a plain 400.
      if (status === 400 && /not valid JSON/i.test(exception.message)) return problemBody(400, 'MALFORMED_JSON', publicMessage(400));
      // Nest's own 404 for an unknown route says "Cannot GET <path>": the path is not repeated back.
      if (status === 404) return problemBody(404, 'NOT_FOUND', 'no route answers this method and path');
      return problemBody(status, HttpStatus[status] ?? 'HTTP_ERROR', status >= 500 ? 'internal error' : exception.message);
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const code =
        fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message ?? '')
          ? 'MALFORMED_JSON'
          : (HttpStatus[fastifyError.statusCode] ?? 'BAD_REQUEST');
      return problemBody(fastifyError.statusCode, code, publicMessage(fastifyError.statusCode));
    }
    return problemBody(500, 'INTERNAL_ERROR', 'the server failed to handle this request; it has been logged');
  }
}

/**
 * Every 422 carries `errors: [{field, message, code}]`, one shape whoever refused: a DTO's field errors
 * (each with its rule's code), or a domain rule's single refusal, named by the field it gives (`details.field`,
 * also kept at the top level as before) or by '' when it concerns the request as a whole.
 */
function withFieldErrors(body: ProblemBody): ProblemBody {
  if (body.status !== 422) return body;
  const errors = body.errors ?? [{ field: typeof body.field === 'string' ? body.field : '', message: body.detail ?? body.code }];
  return { ...body, errors: errors.map((error) => ({ ...error, code: error.code ?? body.code })) };
}

function publicMessage(status: number): string {
  switch (status) {
    case 400:
      return 'the request body is not valid JSON';
    case 413:
      return 'the request body is too large';
    case 415:
      return 'send the body as application/json';
    default:
      return 'the request could not be handled';
  }
}
