import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import { canonicalJson, type CommandMetadata } from '@bangfu/eventstore';
import type { Clock } from '@bangfu/workflow';
import { CLOCK } from '../infrastructure/tokens';
import { ProblemException } from './problem';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Builds a command's metadata from the request: actor from the token, time from the clock, never from the body. */
@Injectable()
export class CommandContext {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  metadataFor(request: FastifyRequest & { actor?: Actor }): CommandMetadata {
    if (!request.actor) throw new Error('command route without an authenticated actor');
    const key = header(request, 'idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ProblemException(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–200 visible ASCII characters');
    }
    const correlationId = header(request, 'x-correlation-id');
    return {
      actor: request.actor,
      now: this.clock.now(),
      correlationId: correlationId && correlationId.length <= 100 ? correlationId : randomUUID(),
      // Scoped by actor: two users who happen to pick the same key never collide.
      idempotencyKey: key === undefined ? undefined : `${request.actor.id}:${key}`,
      requestHash: createHash('sha256')
        .update(`${request.method} ${request.url.split('?')[0]} ${canonicalJson(request.body ?? null)}`)
        .digest('hex'),
    };
  }

  /** For a command that states when it happened: that instant (now when omitted) in UTC, recorded as its business time. */
  metadataAt(request: FastifyRequest & { actor?: Actor }, stated: string | undefined): { metadata: CommandMetadata; at: string } {
    const metadata = this.metadataFor(request);
    const at = stated === undefined ? metadata.now.toISOString() : new Date(stated).toISOString();
    return { metadata: { ...metadata, occurredAt: at }, at };
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
