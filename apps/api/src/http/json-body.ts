import type { FastifyInstance, FastifyRequest } from 'fastify';

/** No command body nests deeper than a handful of levels; 32 leaves room and stops a stack-blowing body. */
export const MAX_BODY_DEPTH = 32;

/** A body refused before anything reads it: Fastify answers the request through the problem filter. */
export class BodyRefusedError extends Error {
  readonly statusCode = 400;

  constructor(
    readonly code: 'INVALID_UTF8' | 'BODY_TOO_DEEP',
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * JSON bodies are checked before they are parsed: bytes that are not UTF-8 are refused (a lenient decoder
 * would store U+FFFD in the immutable log in place of what the client sent), and so is nesting deeper than
 * MAX_BODY_DEPTH (validation and class-transformer recurse, and a body nested ten thousand levels deep
 * overflows their stack). The depth is counted by one iterative scan, outside strings. Parsing itself stays
 * Fastify's own, which refuses `__proto__` and `constructor.prototype` keys.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  // Fastify's built-in parser decodes leniently; this one takes its place.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(new BodyRefusedError('INVALID_UTF8', 'the request body is not valid UTF-8'), undefined);
    }
    if (nestingDepth(text) > MAX_BODY_DEPTH) {
      return done(new BodyRefusedError('BODY_TOO_DEEP', `the request body nests deeper than ${MAX_BODY_DEPTH} levels`), undefined);
    }
    parse(request, text, done);
  });
}

/** The deepest nesting of objects and arrays in a JSON text (malformed text is left to the parser). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
