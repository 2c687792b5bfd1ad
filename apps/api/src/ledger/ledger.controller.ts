import { Body, Controller, Get, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bangfu/domain';
import { EVENT_STORE, keyIdOf, type EventStore, type RecordedEvent, type VerifyReport } from '@bangfu/eventstore';
import { Action } from '../access/action.decorator';
import { type CheckpointExport, exportCheckpoint, jurisdictionPrefix, verifyLedger } from '@bangfu/application';
import type { PersonalDataRequest } from '../access/personal-data.interceptor';
import { CommandContext } from '../http/command-context';
import { toCommandResponse } from '../http/to-command-response';
import { ProblemException } from '../http/problem';
import { EventsQueryDto, SignCheckpointDto } from './ledger.dto';
import { LedgerProofs } from './ledger-proofs.service';

/** The log itself: what the views are built from, and the proof that it was not altered. */
@ApiTags('ledger')
@Controller('api/v1')
export class LedgerController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly proofs: LedgerProofs,
    private readonly context: CommandContext,
  ) {}

  @Post('ledger/checkpoints')
  @Action('ledger.checkpoint')
  @ApiCreatedResponse({ description: 'signs (Ed25519) the RFC 6962 Merkle root over every event so far and records it in the log' })
  async checkpoint(@Body() body: SignCheckpointDto, @Req() request: PersonalDataRequest) {
    const { checkpoint, result } = await this.proofs.sign(this.context.metadataFor(request), body.reason);
    return { ...toCommandResponse(result), checkpoint };
  }

  @Get('ledger/checkpoints')
  @Action('ledger.checkpoints')
  @ApiOkResponse({ description: 'the signed checkpoints, and the public key (SPKI PEM) that verifies them and every dossier' })
  async checkpoints() {
    const { publicKeyPem, privateKey } = this.proofs.signingKey;
    return { keyId: keyIdOf(privateKey), publicKey: publicKeyPem, checkpoints: await this.proofs.list() };
  }

  @Get('ledger/checkpoints/latest')
  @Action('ledger.checkpoints')
  @ApiOkResponse({
    description:
      'the newest signed checkpoint with the public key, as a reviewer keeps it outside the log: ' +
      '`bangfu verify --against FILE` then proves the log still extends it (no rollback, no fork)',
  })
  async latestCheckpoint(): Promise<CheckpointExport> {
    const latest = (await this.proofs.list()).at(-1);
    if (!latest) throw new ProblemException(404, 'NO_CHECKPOINT', 'no checkpoint has been signed yet: POST /api/v1/ledger/checkpoints');
    return exportCheckpoint(latest, this.proofs.signingKey.publicKeyPem);
  }

  @Get('events')
  @Action('ledger.events')
  @ApiOkResponse({ description: 'events in log order (or stream order), with their full envelope and hashes' })
  async events(
    @Query() query: EventsQueryDto,
    @Req() request: PersonalDataRequest,
  ): Promise<{ events: RecordedEvent[]; nextPosition: number | null }> {
    const limit = query.limit ?? 100;
    const from = query.fromPosition ?? 0;
    // Only facts about divisions inside the reader's jurisdiction; events that name no division are for national readers.
    const prefix = jurisdictionPrefix(request.actor as Actor);
    const inJurisdiction = (event: RecordedEvent) => prefix === undefined || (event.metadata.subjectRegion ?? '').startsWith(prefix);
    const events = query.stream
      ? (await this.store.readStream(query.stream))
          .filter((e) => e.position > from && (!query.type || e.type === query.type) && inJurisdiction(e))
          .slice(0, limit)
      : await this.store.readAll({
          fromPosition: from,
          filter: { eventTypes: query.type ? [query.type] : undefined, regionPrefix: prefix },
          maxCount: limit,
        });
    request.personalDataSubjects = [...new Set(events.map((event) => event.streamId))];
    return { events, nextPosition: events.length === limit ? events[events.length - 1].position : null };
  }

  @Get('ledger/verify')
  @Action('ledger.verify')
  @ApiOkResponse({
    description: 'checks every stream hash chain, the stored columns, the continuity of the log and every signed checkpoint in it',
  })
  async verify(): Promise<VerifyReport & { checkedAt: string; ms: number }> {
    const started = Date.now();
    // On SQLite this runs on worker threads with their own connections: the API's event loop stays free.
    const report = await verifyLedger(this.store, this.proofs.signingKey.publicKey);
    return { ...report, checkedAt: new Date().toISOString(), ms: Date.now() - started };
  }
}
