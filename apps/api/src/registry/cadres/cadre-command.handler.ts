import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  CadreNotFoundError,
  CadreRecalledError,
  cadreDecider,
  cadreStreamId,
  type CadreCommand,
  type HouseholdCommand,
} from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { HouseholdCommandMessage } from '../households/household-command.handler';
import { assertVisible, assertWithinJurisdiction } from '../../access/jurisdiction';
import { RecordFacts } from '../record-facts';

export class CadreCommandMessage {
  constructor(
    readonly command: CadreCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

@CommandHandler(CadreCommandMessage)
export class CadreCommandHandler implements ICommandHandler<CadreCommandMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: RecordFacts,
    private readonly views: ReadStore,
    private readonly projections: ProjectionRunner,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ command, metadata }: CadreCommandMessage): Promise<AppendResult> {
    const streamId = cadreStreamId(command.data.cadreId);
    if (command.type === 'RegisterCadre') {
      const unit = await this.facts.unit(command.data.unitId);
      const facts = { registered: unit.registered, regionCode: unit.registered ? unit.regionCode : null };
      assertWithinJurisdiction(metadata.actor, facts.regionCode);
      const recorded = { ...metadata, subjectRegion: facts.regionCode ?? undefined };
      return handleCommand(this.store, streamId, cadreDecider, command, recorded, { facts: { unit: facts } });
    }
    return this.recall(command, metadata);
  }

  /**
   * 召回: the cadre's households pass to their successors first, then the recall is recorded. The whole
   * plan is checked by the pure decider before anything is appended, so a bad plan appends nothing.
   */
  private async recall(command: Extract<CadreCommand, { type: 'RecallCadre' }>, metadata: CommandMetadata): Promise<AppendResult> {
    const cadre = await this.facts.cadre(command.data.cadreId);
    const notFound = () => new CadreNotFoundError(`cadre ${command.data.cadreId} is not registered`);
    if (cadre.registered && cadre.regionCode) assertVisible(metadata.actor, cadre.regionCode, notFound);
    await this.projections.catchUp(10_000);
    const held = this.views
      .prepare(`SELECT household_id FROM households WHERE cadre_id = ? AND status = 'registered' ORDER BY household_id`)
      .all(command.data.cadreId) as { household_id: string }[];
    const facts = { heldHouseholds: held.map((row) => row.household_id) };
    cadreDecider.decide({ ...command, facts }, cadre, { now: metadata.now, actor: metadata.actor });
    for (const { successorId } of command.data.handovers) {
      const successor = await this.facts.cadre(successorId);
      if (!successor.registered) throw new CadreNotFoundError(`successor ${successorId} is not registered`, { field: 'handovers' });
      if (successor.recalled) throw new CadreRecalledError(`successor ${successorId} was recalled`, { field: 'handovers' });
    }
    for (const { householdId, successorId } of command.data.handovers) {
      const handover: HouseholdCommand = {
        type: 'AssignCadre',
        data: {
          householdId,
          cadreId: successorId,
          from: command.data.recalledAt,
          reason: `召回 ${command.data.cadreId}：${command.data.reason}`,
        },
      };
      await this.commandBus.execute(
        new HouseholdCommandMessage(handover, {
          ...metadata,
          occurredAt: command.data.recalledAt,
          idempotencyKey: metadata.idempotencyKey ? `${metadata.idempotencyKey}:handover:${householdId}` : undefined,
        }),
      );
    }
    const recorded = { ...metadata, subjectRegion: cadre.registered ? cadre.regionCode : undefined };
    return handleCommand(this.store, cadreStreamId(command.data.cadreId), cadreDecider, command, recorded, { facts });
  }
}
