import { supportSystemDecider, SupportSystemNotFoundError, supportSystemStreamId, type SupportSystemCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { recordedRegion } from '../access/recorded-region';
import type { RecordFacts } from '../facts/record-facts';

/** 帮扶体系: registered in a division with registered units; its meetings and quarters checked against that division. */
export class SupportSystemCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: SupportSystemCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = supportSystemStreamId(command.data.systemId);
    if (command.type === 'RegisterSupportSystem') {
      const { regionCode, leadUnitId, memberUnitIds } = command.data;
      assertWithinJurisdiction(metadata.actor, regionCode);
      const ids = [...new Set([leadUnitId, ...memberUnitIds])];
      const [region, ...units] = await Promise.all([this.facts.region(regionCode), ...ids.map((id) => this.facts.unit(id))]);
      const lead = units[0];
      const facts = {
        regionRegistered: region.registered,
        unregisteredUnits: ids.filter((_, i) => !units[i].registered),
        leadUnitName: lead.registered ? lead.name : null,
      };
      return handleCommand(this.store, streamId, supportSystemDecider, command, { ...metadata, subjectRegion: regionCode }, { facts });
    }
    const { regionCode } = await recordedRegion(this.store, streamId, supportSystemDecider, metadata.actor, {
      regionOf: (system) => (system.registered ? system.spec.regionCode : undefined),
      notFound: () => new SupportSystemNotFoundError(`no support system ${command.data.systemId}`),
    });
    return handleCommand(this.store, streamId, supportSystemDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
