import {
  householdDecider,
  householdStreamId,
  linkedToVillage,
  monthEnd,
  shanghaiDate,
  villageOfHousehold,
  type HouseholdCommand,
} from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type RecordFacts } from '../facts/record-facts';

/**
 * Every household command: read the facts its type is decided with from the other streams, then decide on the
 * household's stream. Callers send only their intent.
 */
export class HouseholdCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: HouseholdCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const villageCode = villageOfHousehold(command.data.householdId);
    const streamId = householdStreamId(command.data.householdId);
    const recorded = { ...metadata, subjectRegion: villageCode };
    switch (command.type) {
      case 'RegisterHousehold': {
        const [villageRegistered, identificationOpen] = await Promise.all([
          this.facts.villageRegistered(command.data.villageCode),
          this.facts.identificationOpen(command.data.householdId),
        ]);
        return handleCommand(this.store, streamId, householdDecider, command, recorded, {
          facts: { villageRegistered, identificationOpen },
        });
      }
      case 'AssignCadre': {
        const [cadre, policy] = await Promise.all([
          this.facts.cadre(command.data.cadreId),
          this.facts.visitPolicy(villageCode, shanghaiDate(command.data.from)),
        ]);
        const standing = { registered: cadre.registered, recalled: cadre.registered && cadre.recalled };
        return handleCommand(this.store, streamId, householdDecider, command, recorded, {
          facts: { cadre: standing, handoverDays: policy.handoverDays },
        });
      }
      case 'RecordVisit': {
        const [cadre, village] = await Promise.all([this.facts.cadre(command.data.cadreId), this.facts.village(villageCode)]);
        const linked = cadre.registered && linkedToVillage(village, command.data.cadreId, cadre.unitId, command.data.occurredAt);
        return handleCommand(this.store, streamId, householdDecider, command, recorded, {
          facts: { visitor: { registered: cadre.registered, linkedToVillage: linked } },
        });
      }
      case 'CheckMonthlyVisit': {
        // Judged by the policy in force on the month's last day. A timer scheduled by an earlier version stored the
        // command with `policy: null` beside its intent: only the intent is read.
        const { householdId, month } = command.data;
        const lastDay = shanghaiDate(new Date(Date.parse(monthEnd(month)) - 1));
        const [{ regionCode, version, visitsPerMonth, reminderDays, escalationDays }, goLiveAt] = await Promise.all([
          this.facts.visitPolicy(villageCode, lastDay),
          this.facts.goLive(villageCode),
        ]);
        const policy = { regionCode, version, visitsPerMonth, reminderDays, escalationDays };
        return handleCommand(this.store, streamId, householdDecider, { type: command.type, data: { householdId, month } }, recorded, {
          facts: { policy, goLiveAt },
        });
      }
      case 'CheckHandoverVisit': {
        const { householdId, cadreId, since, dueAt } = command.data;
        const intent = { type: command.type, data: { householdId, cadreId, since, dueAt } };
        return handleCommand(this.store, streamId, householdDecider, intent, recorded, {
          facts: { goLiveAt: await this.facts.goLive(villageCode) },
        });
      }
      default:
        return handleCommand(this.store, streamId, householdDecider, command, recorded);
    }
  }
}
