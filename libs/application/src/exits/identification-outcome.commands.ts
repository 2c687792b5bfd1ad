import { villageOfHousehold } from '@bangfu/domain';
import type { AppendResult, CommandMetadata, EventStore } from '@bangfu/eventstore';
import {
  WorkflowNotFoundError,
  decidedRegistration,
  decidedRemoval,
  workflowStreamId,
  type IdentificationOutcomeCommand,
  type WorkflowEvent,
} from '@bangfu/workflow';
import type { HouseholdCommands } from '../registry/household.commands';

/**
 * A passed 精准识别 or 剔除 carried out on the register. What the case decided is read from the case's own events
 * (the last approved 入户走访's household, the 核实's 九不纳入 fact), never from the command, then decided by the
 * household's stream like any registration or removal.
 */
export class IdentificationOutcomeCommands {
  constructor(
    private readonly store: EventStore,
    private readonly households: HouseholdCommands,
  ) {}

  async execute(command: IdentificationOutcomeCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const { householdId } = command.data;
    const events = (await this.store.readStream(workflowStreamId(householdId))) as unknown as WorkflowEvent[];
    if (command.type === 'RegisterIdentifiedHousehold') {
      const { identificationId } = command.data;
      const decided = decidedRegistration(events, identificationId);
      if (!decided) throw new WorkflowNotFoundError(`no passed 精准识别 case ${identificationId}`);
      const data = {
        householdId,
        villageCode: villageOfHousehold(householdId),
        identifiedAt: decided.identifiedAt,
        source: 'identification' as const,
        identificationId,
        ...decided.profile,
      };
      return this.households.execute({ type: 'RegisterHousehold', data }, metadata);
    }
    const { removalId } = command.data;
    const decided = decidedRemoval(events, removalId);
    if (!decided) throw new WorkflowNotFoundError(`no passed 剔除 case ${removalId}`);
    return this.households.execute({ type: 'RemoveHousehold', data: { householdId, ...decided, removalId } }, metadata);
  }
}
