import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemBody } from './problem';

/**
 * Errors Fastify meets while routing, before any Nest code runs: a URL it cannot decode (FST_ERR_BAD_URL)
 * or a path parameter over its length limit (FST_ERR_MAX_PARAM_LENGTH). Answered as problem+json like every
 * other error, without repeating the path (Fastify's own answer echoes it).
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const [code, detail] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? ['URI_TOO_LONG', 'a part of the request path is too long']
      : ['BAD_URL', 'the request path is not a valid URL'];
  void reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problemBody(status, code, detail));
}
