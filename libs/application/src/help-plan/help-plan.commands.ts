import {
  fundStreamId,
  helpPlanDecider,
  helpPlanStreamId,
  householdDecider,
  householdStreamId,
  projectDecider,
  projectStreamId,
  villageOfHousehold,
  type ChannelFacts,
  type DeliveryChannel,
  type FundEvent,
  type HelpPlanCommand,
  type ResponsibleCadre,
} from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import type { RecordFacts } from '../facts/record-facts';

/**
 * 一户一策: a household's help plan, on its own stream. The household's village decides jurisdiction; what a
 * decision needs from elsewhere (the household's registration, the responsible cadre, the disbursement or
 * project a delivery came through) is read from those streams.
 */
export class HelpPlanCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: HelpPlanCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const { householdId } = command.data;
    // The 户编号 names its village: an outsider is refused before anything about the household is read.
    assertWithinJurisdiction(metadata.actor, villageOfHousehold(householdId));
    const streamId = helpPlanStreamId(householdId);
    const recorded = { ...metadata, subjectRegion: villageOfHousehold(householdId) };
    switch (command.type) {
      case 'AddMeasure': {
        const [household, cadre] = await Promise.all([
          loadState(this.store, householdStreamId(householdId), householdDecider),
          this.standing(command.data.cadreId),
        ]);
        const registered = household.status === 'registered';
        const facts = { household: { registered, villageCode: registered ? household.villageCode : null }, cadre };
        return handleCommand(this.store, streamId, helpPlanDecider, command, recorded, { facts });
      }
      case 'ReviseMeasure': {
        const { cadreId } = command.data.changes;
        const cadre = cadreId === undefined ? null : await this.standing(cadreId);
        return handleCommand(this.store, streamId, helpPlanDecider, command, recorded, { facts: { cadre } });
      }
      case 'RecordMeasureDelivery': {
        const channel = command.data.via ? await this.channel(command.data.via, householdId) : null;
        return handleCommand(this.store, streamId, helpPlanDecider, command, recorded, { facts: { channel } });
      }
      case 'RecordMeasureNotDelivered':
        return handleCommand(this.store, streamId, helpPlanDecider, command, recorded);
    }
  }

  private async standing(cadreId: string): Promise<ResponsibleCadre> {
    const cadre = await this.facts.cadre(cadreId);
    return { registered: cadre.registered, recalled: cadre.registered && cadre.recalled };
  }

  /** Whether the disbursement was paid to this household, or the project names it among its beneficiaries. */
  private async channel(via: DeliveryChannel, householdId: string): Promise<ChannelFacts> {
    if (via.kind === 'project') {
      const project = await loadState(this.store, projectStreamId(via.projectId), projectDecider);
      return { found: project.approved, reachesHousehold: project.approved && project.beneficiaries.has(householdId) };
    }
    const events = (await this.store.readStream(fundStreamId(via.fundId))) as unknown as FundEvent[];
    const paid = events.find((event) => event.type === 'FundDisbursed' && event.data.disbursementId === via.disbursementId);
    if (!paid || paid.type !== 'FundDisbursed') return { found: false, reachesHousehold: false };
    return { found: true, reachesHousehold: paid.data.recipient.kind === 'household' && paid.data.recipient.id === householdId };
  }
}
