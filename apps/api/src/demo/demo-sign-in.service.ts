import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS_ACTOR, regionStreamId } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import type { Clock } from '@bangfu/workflow';
import { AccessLog } from '../access/access-log.service';
import { BANGFU_CONFIG, type BangfuConfig, ownSigningKey, signToken } from '@bangfu/application';
import { CLOCK } from '../infrastructure/tokens';
import { DEMO_ADMIN } from './load-demo';
import { DEMO_PERSONAS, type DemoPersona } from './demo-personas';

const TOKEN_TTL_SECONDS = 8 * 3600;

/**
 * One-click sign-in as a demo persona. Off unless the operator turns it on, or (`auto`) the store holds the
 * demo and the API listens on a loopback address only: a server others can reach never hands out tokens.
 */
@Injectable()
export class DemoSignIn implements OnApplicationBootstrap {
  private enabled = false;

  constructor(
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accessLog: AccessLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoSignIn !== 'auto') {
      this.enabled = this.config.demoSignIn === 'on';
      return;
    }
    this.enabled = isLoopback(this.config.host) && (await this.storeHoldsDemo());
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  async personas(request: FastifyRequest): Promise<readonly DemoPersona[]> {
    await this.refuseWhenOff(request, 'demo.personas');
    return DEMO_PERSONAS;
  }

  /** A token for the persona, written to the access log with the persona as its actor. */
  async issue(request: FastifyRequest, personaId: string): Promise<{ token: string; expiresAt: string }> {
    await this.refuseWhenOff(request, 'demo.sign-in');
    const persona = DEMO_PERSONAS.find((p) => p.id === personaId) as DemoPersona;
    const now = this.clock.now();
    const claims = { sub: persona.id, name: persona.name, roles: [persona.role], region: persona.regionCode, unit: persona.unitId };
    const token = signToken({ ...claims, ttlSeconds: TOKEN_TTL_SECONDS, now }, ownSigningKey(this.config));
    const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + TOKEN_TTL_SECONDS * 1000).toISOString();
    const actor = { id: persona.id, name: persona.name, roles: [persona.role], regionCode: persona.regionCode };
    const path = request.url.split('?')[0];
    await this.accessLog.record(actor, {
      type: 'DemoTokenIssued',
      data: { action: 'demo.sign-in', method: request.method, path, persona: persona.id, ip: request.ip, expiresAt },
    });
    return { token, expiresAt };
  }

  private async refuseWhenOff(request: FastifyRequest, action: string): Promise<void> {
    if (this.enabled) return;
    throw await this.accessLog.refuse(request, ANONYMOUS_ACTOR, {
      action,
      status: 403,
      code: 'DEMO_SIGNIN_OFF',
      detail: 'demo sign-in is off on this server (BANGFU_DEMO_SIGNIN): sign in with a token',
    });
  }

  /** The demo's provincial office registered the province: the store was filled by the demo loader. */
  private async storeHoldsDemo(): Promise<boolean> {
    const [first] = await this.store.readStream(regionStreamId('220000'), { maxCount: 1 });
    return first?.metadata.actor.id === DEMO_ADMIN.id;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
