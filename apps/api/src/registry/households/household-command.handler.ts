import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  householdDecider,
  householdStreamId,
  linkedToVillage,
  monthEnd,
  shanghaiDate,
  villageOfHousehold,
  type HouseholdCommand,
} from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { RecordFacts } from '../record-facts';

export class HouseholdCommandMessage {
  constructor(
    readonly command: HouseholdCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

/** Every household command: fill in the facts from other streams, then decide on the household's stream. */
@CommandHandler(HouseholdCommandMessage)
export class HouseholdCommandHandler implements ICommandHandler<HouseholdCommandMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute({ command, metadata }: HouseholdCommandMessage): Promise<AppendResult> {
    const villageCode = villageOfHousehold(command.data.householdId);
    const withFacts = await this.withFacts(command, villageCode);
    return handleCommand(this.store, householdStreamId(command.data.householdId), householdDecider, withFacts, {
      ...metadata,
      subjectRegion: villageCode,
    });
  }

  private async withFacts(command: HouseholdCommand, villageCode: string): Promise<HouseholdCommand> {
    switch (command.type) {
      case 'RegisterHousehold':
        return { ...command, data: { ...command.data, villageRegistered: await this.facts.villageRegistered(command.data.villageCode) } };
      case 'AssignCadre': {
        const [cadre, policy] = await Promise.all([
          this.facts.cadre(command.data.cadreId),
          this.facts.visitPolicy(villageCode, shanghaiDate(command.data.from)),
        ]);
        const facts = { registered: cadre.registered, recalled: cadre.registered && cadre.recalled };
        return { ...command, data: { ...command.data, cadre: facts, handoverDays: policy.handoverDays } };
      }
      case 'RecordVisit': {
        const [cadre, village] = await Promise.all([this.facts.cadre(command.data.cadreId), this.facts.village(villageCode)]);
        const linked = cadre.registered && linkedToVillage(village, command.data.cadreId, cadre.unitId, command.data.occurredAt);
        return { ...command, data: { ...command.data, visitor: { registered: cadre.registered, linkedToVillage: linked } } };
      }
      case 'CheckMonthlyVisit': {
        // Judged by the policy in force on the month's last day.
        const lastDay = shanghaiDate(new Date(Date.parse(monthEnd(command.data.month)) - 1));
        const [{ regionCode, version, visitsPerMonth, reminderDays, escalationDays }, goLiveAt] = await Promise.all([
          this.facts.visitPolicy(villageCode, lastDay),
          this.facts.goLive(villageCode),
        ]);
        const policy = { regionCode, version, visitsPerMonth, reminderDays, escalationDays };
        return { ...command, data: { ...command.data, policy, goLiveAt } };
      }
      case 'CheckHandoverVisit':
        return { ...command, data: { ...command.data, goLiveAt: await this.facts.goLive(villageCode) } };
      default:
        return command;
    }
  }
}
