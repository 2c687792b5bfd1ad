import { Inject, Injectable } from '@nestjs/common';
import type { Actor, CheckpointRecord } from '@bangfu/domain';
import { villageOfHousehold } from '@bangfu/domain';
import {
  DOSSIER_FORMAT,
  EVENT_STORE,
  inclusionPath,
  signDocument,
  treeRoot,
  type AppendResult,
  type CommandMetadata,
  type Dossier,
  type DossierManifest,
  type EventStore,
  type RecordedEvent,
} from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore, subjectLeaves, ViewMerkleNodes, type DossierSubject } from '@bangfu/projections';
import {
  assertWithinJurisdiction,
  BANGFU_CONFIG,
  type BangfuConfig,
  type CheckpointKey,
  listCheckpoints,
  loadCheckpointKey,
  recordCheckpoint,
  withinJurisdiction,
} from '@bangfu/application';
import { ProblemException } from '../http/problem';
import { CLOCK } from '../infrastructure/tokens';
import type { Clock } from '@bangfu/workflow';

/** Signed checkpoints over the log and dossiers proven against them. */
@Injectable()
export class LedgerProofs {
  private key?: CheckpointKey;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
    private readonly views: ReadStore,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get signingKey(): CheckpointKey {
    this.key ??= loadCheckpointKey(this.config.dataDir, this.config.checkpointKey);
    return this.key;
  }

  /** Signs the tree head over every event the log holds now. */
  async sign(metadata: CommandMetadata, reason: string): Promise<{ checkpoint: CheckpointRecord; result: AppendResult }> {
    await this.runner.catchUp(30_000);
    const nodes = new ViewMerkleNodes(this.views);
    const treeSize = nodes.size();
    if (treeSize === 0) throw new ProblemException(409, 'LOG_EMPTY', 'there is nothing to checkpoint yet');
    return recordCheckpoint(
      this.store,
      this.signingKey,
      { treeSize, root: treeRoot(nodes, treeSize), lastPosition: nodes.positionOf(treeSize) },
      metadata,
      reason,
    );
  }

  list(): Promise<CheckpointRecord[]> {
    return listCheckpoints(this.store);
  }

  /**
   * Every event about the subject in the period that the latest checkpoint covers, each with its inclusion
   * proof, and a manifest signed with the checkpoint key. For a person or a unit, events about divisions
   * outside the reader's jurisdiction are left out (the manifest says whose dossier it is and for whom).
   */
  async dossier(kind: DossierSubject, id: string, from: string | undefined, to: string | undefined, actor: Actor): Promise<Dossier> {
    if (kind === 'household') assertWithinJurisdiction(actor, villageOfHousehold(id));
    if (kind === 'village') assertWithinJurisdiction(actor, id);
    const checkpoint = (await this.list()).at(-1);
    if (!checkpoint)
      throw new ProblemException(409, 'NO_CHECKPOINT', 'no checkpoint has been signed yet: POST /api/v1/ledger/checkpoints first');
    const rows = subjectLeaves(this.views, { kind, id, from, to });
    const covered = rows.filter((row) => row.idx !== null && row.idx < checkpoint.treeSize);
    const streams = new Map<string, RecordedEvent[]>();
    for (const streamId of new Set(covered.map((row) => row.stream_id))) streams.set(streamId, await this.store.readStream(streamId));
    const nodes = new ViewMerkleNodes(this.views);
    const entries = covered
      .map((row) => ({ row, event: (streams.get(row.stream_id) ?? [])[row.revision] }))
      .filter(
        ({ event }) =>
          event &&
          (kind === 'household' ||
            kind === 'village' ||
            !event.metadata.subjectRegion ||
            withinJurisdiction(actor, event.metadata.subjectRegion)),
      )
      .map(({ row, event }) => ({
        leafIndex: row.idx as number,
        proof: inclusionPath(nodes, row.idx as number, checkpoint.treeSize).map((node) => node.toString('hex')),
        event,
      }));
    const manifest: DossierManifest = {
      format: DOSSIER_FORMAT,
      subject: { kind, id },
      period: { from: from ?? null, to: to ?? null },
      exportedAt: this.clock.now().toISOString(),
      exportedBy: actor.id,
      checkpoint: { treeSize: checkpoint.treeSize, root: checkpoint.root },
      notYetCheckpointed: rows.length - covered.length,
      events: entries.map(({ leafIndex, event }) => [leafIndex, event.metadata.hash, event.id, event.position]),
    };
    return {
      format: DOSSIER_FORMAT,
      checkpoint,
      manifest,
      manifestSignature: signDocument(manifest, this.signingKey.privateKey),
      events: entries,
    };
  }
}
