import { monthEnd, shanghaiDate, teamReportDaysOf, villageDecider, villageStreamId, type VillageCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type RecordFacts } from '../facts/record-facts';

export class VillageCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: VillageCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const { villageCode } = command.data;
    const streamId = villageStreamId(villageCode);
    const recorded = { ...metadata, subjectRegion: villageCode };
    switch (command.type) {
      case 'AssignUnitToVillage': {
        const [unit, villageRegistered] = await Promise.all([
          this.facts.unit(command.data.unitId),
          this.facts.villageRegistered(villageCode),
        ]);
        const facts = { unitRegistered: unit.registered, villageRegistered };
        return handleCommand(this.store, streamId, villageDecider, command, recorded, { facts });
      }
      case 'AssignWorkTeam': {
        const ids = [...new Set([command.data.firstSecretaryId, ...command.data.memberIds])];
        const cadres = await Promise.all(ids.map((id) => this.facts.cadre(id)));
        const facts = {
          unregisteredCadres: ids.filter((_, i) => !cadres[i].registered),
          villageRegistered: await this.facts.villageRegistered(villageCode),
        };
        return handleCommand(this.store, streamId, villageDecider, command, recorded, { facts });
      }
      case 'CloseVisitMonth': {
        // The report deadline is the policy's in force on the month's last day (Shanghai).
        const lastDay = new Date(Date.parse(monthEnd(command.data.month)) - 1);
        const policy = await this.facts.visitPolicy(villageCode, shanghaiDate(lastDay));
        const facts = { teamReportDays: teamReportDaysOf(policy), escalationDays: policy.escalationDays };
        return handleCommand(this.store, streamId, villageDecider, command, recorded, { facts });
      }
      default:
        return handleCommand(this.store, streamId, villageDecider, command, recorded);
    }
  }
}
