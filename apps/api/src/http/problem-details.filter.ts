import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@bangfu/domain';
import { InvalidAppendError } from '@bangfu/eventstore';
import { ViewsBehindError } from '@bangfu/projections';
import { ProblemException, problemType, type ProblemBody } from './problem';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = { rule: 409, invalid: 422, not_found: 404, forbidden: 403 };

/** Every error leaves as application/problem+json; nothing internal (stack, SQL, paths) is revealed. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toProblem(exception);
    body.instance = request.url.split('?')[0];
    if (body.status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (exception instanceof ProblemException)
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }

  toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ProblemException) {
      return problem(exception.getStatus(), exception.code, exception.detail, exception.errors, exception.extensions);
    }
    if (exception instanceof DomainError) {
      return problem(DOMAIN_STATUS[exception.kind], exception.code, exception.message, undefined, exception.details ?? {});
    }
    if (exception instanceof ViewsBehindError) {
      return problem(503, exception.code, exception.message, undefined, { wanted: exception.wanted, reached: exception.reached });
    }
    if (exception instanceof InvalidAppendError) return problem(422, exception.code, exception.message);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // The Fastify adapter reports an unparseable body as a plain 400.
      if (status === 400 && /not valid JSON/i.test(exception.message)) return problem(400, 'MALFORMED_JSON', publicMessage(400));
      return problem(status, HttpStatus[status] ?? 'HTTP_ERROR', status >= 500 ? 'internal error' : exception.message);
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const code =
        fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message ?? '')
          ? 'MALFORMED_JSON'
          : (HttpStatus[fastifyError.statusCode] ?? 'BAD_REQUEST');
      return problem(fastifyError.statusCode, code, publicMessage(fastifyError.statusCode));
    }
    return problem(500, 'INTERNAL_ERROR', 'the server failed to handle this request; it has been logged');
  }
}

function problem(
  status: number,
  code: string,
  detail: string,
  errors?: ProblemBody['errors'],
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: problemType(code),
    title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
    status,
    code,
    detail,
    ...(errors ? { errors } : {}),
    ...extensions,
  };
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
