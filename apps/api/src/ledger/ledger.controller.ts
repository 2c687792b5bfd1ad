import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { join } from 'node:path';
import { EVENT_STORE, verifyEventsFile, type EventStore, type RecordedEvent, type VerifyReport } from '@bangfu/eventstore';
import { Allow } from '../auth/policy.decorators';
import { BANGFU_CONFIG, type BangfuConfig } from '../config/bangfu-config';
import { EventsQueryDto } from './ledger.dto';

/** The log itself: what the views are built from, and the proof that it was not altered. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api/v1')
export class LedgerController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
  ) {}

  @Get('events')
  @Allow('auditor', 'discipline', 'inspector', 'county-admin')
  @ApiOkResponse({ description: 'events in log order (or stream order), with their full envelope and hashes' })
  async events(@Query() query: EventsQueryDto): Promise<{ events: RecordedEvent[]; nextPosition: number | null }> {
    const limit = query.limit ?? 100;
    const from = query.fromPosition ?? 0;
    const events = query.stream
      ? (await this.store.readStream(query.stream))
          .filter((e) => e.position > from && (!query.type || e.type === query.type))
          .slice(0, limit)
      : await this.store.readAll({ fromPosition: from, filter: query.type ? { eventTypes: [query.type] } : undefined, maxCount: limit });
    return { events, nextPosition: events.length === limit ? events[events.length - 1].position : null };
  }

  @Get('ledger/verify')
  @Allow('auditor', 'discipline', 'county-admin')
  @ApiOkResponse({ description: 'checks every stream hash chain and the continuity of the log' })
  async verify(): Promise<VerifyReport & { checkedAt: string; ms: number }> {
    const started = Date.now();
    // Worker threads on their own read connections: a long verify does not stall the API's event loop.
    const report = await verifyEventsFile(join(this.config.dataDir, 'events.db'));
    return { ...report, checkedAt: new Date().toISOString(), ms: Date.now() - started };
  }
}
