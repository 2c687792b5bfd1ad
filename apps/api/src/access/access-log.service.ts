import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { accessStreamId, type AccessEvent, type Actor } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import type { Clock } from '@bangfu/workflow';
import { ProblemException } from '../http/problem';
import { CLOCK } from '../infrastructure/tokens';

/** Appends to the hash-chained access log; a refusal is on record before it is answered. */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(actor: Actor, event: AccessEvent, subjectRegion?: string): Promise<void> {
    const now = this.clock.now();
    await this.store.append(
      accessStreamId(now),
      [
        {
          id: randomUUID(),
          type: event.type,
          data: event.data,
          metadata: {
            actor,
            occurredAt: now.toISOString(),
            correlationId: randomUUID(),
            ...((subjectRegion ?? actor.regionCode) ? { subjectRegion: subjectRegion ?? actor.regionCode } : {}),
          },
        },
      ],
      'any',
    );
  }

  /** Records the refusal, then returns the problem to throw. */
  async refuse(
    request: FastifyRequest,
    actor: Actor,
    refusal: { action: string | null; status: 401 | 403; code: string; detail: string; region?: string },
  ): Promise<ProblemException> {
    const { region, ...rest } = refusal;
    await this.record(
      actor,
      { type: 'AccessRefused', data: { ...rest, method: request.method, path: request.url.split('?')[0], ip: request.ip } },
      region,
    );
    return Object.assign(new ProblemException(refusal.status, refusal.code, refusal.detail), { logged: true });
  }
}
