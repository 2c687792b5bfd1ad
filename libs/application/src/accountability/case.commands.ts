import {
  caseDecider,
  CaseNotFoundError,
  caseStreamId,
  CaseUnitNotFoundError,
  householdDecider,
  householdOfStream,
  householdStreamId,
  leadAt,
  responsibleAt,
  type CaseCommand,
  type CaseParty,
} from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore, type RecordedEvent } from '@bangfu/eventstore';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { type CitedEvents } from '../ledger/cited-events';
import { type RecordFacts } from '../facts/record-facts';
import { recordedRegion } from '../access/recorded-region';

/**
 * 问责: a case rests on cited events, and 捆绑问责 is derived from the record, never typed in — for each
 * household the grounds concern, who held it at the time; for each cadre, their unit; for each unit, its lead
 * official at the time of the grounds.
 */
export class CaseCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
    private readonly cited: CitedEvents,
  ) {}

  async execute(command: CaseCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = caseStreamId(command.data.caseId);
    if (command.type === 'RecordCaseDecision') {
      const { regionCode } = await recordedRegion(this.store, streamId, caseDecider, metadata.actor, {
        regionOf: (state) => (state.opened ? state.case.regionCode : undefined),
        notFound: () => new CaseNotFoundError(`no case ${command.data.caseId}`),
      });
      return handleCommand(this.store, streamId, caseDecider, command, { ...metadata, subjectRegion: regionCode });
    }
    const grounds = await this.cited.check(command.data.groundEventIds, metadata.actor, 'groundEventIds');
    const groundsAt = grounds.map((event) => event.metadata.occurredAt).sort()[0];
    const parties = await this.parties(command.data.against, grounds, groundsAt);
    const regionCode =
      grounds.find((event) => event.metadata.subjectRegion)?.metadata.subjectRegion ??
      (await this.regionOf(command.data.against)) ??
      '000000';
    assertWithinJurisdiction(metadata.actor, regionCode);
    const recorded = { ...metadata, subjectRegion: regionCode };
    return handleCommand(this.store, streamId, caseDecider, command, recorded, { facts: { regionCode, groundsAt, parties } });
  }

  private async parties(against: { kind: 'person' | 'unit'; id: string }, grounds: RecordedEvent[], at: string): Promise<CaseParty[]> {
    const parties = new Map<string, CaseParty>();
    const add = (party: CaseParty) => parties.has(party.partyId) || parties.set(party.partyId, party);
    if (against.kind === 'person') {
      const cadre = await this.facts.cadre(against.id);
      add({ partyId: against.id, role: 'subject', kind: 'person', name: cadre.registered ? cadre.name : against.id, basis: '立案对象' });
    } else {
      const unit = await this.facts.unit(against.id);
      if (!unit.registered) throw new CaseUnitNotFoundError(`no unit ${against.id}`, { field: 'against.id' });
      add({ partyId: against.id, role: 'subject', kind: 'unit', name: unit.name, basis: '立案对象' });
    }
    for (const event of grounds) {
      const householdId = householdOf(event);
      if (!householdId) continue;
      const household = await loadState(this.store, householdStreamId(householdId), householdDecider);
      if (household.status === 'unregistered') continue;
      const cadreId = responsibleAt(household, event.metadata.occurredAt);
      if (!cadreId) continue;
      const cadre = await this.facts.cadre(cadreId);
      add({
        partyId: cadreId,
        role: 'responsible-cadre',
        kind: 'person',
        name: cadre.registered ? cadre.name : cadreId,
        basis: `包保责任人 of ${householdId} at ${event.metadata.occurredAt} (household stream)`,
      });
    }
    for (const party of [...parties.values()].filter((p) => p.kind === 'person')) {
      const cadre = await this.facts.cadre(party.partyId);
      if (!cadre.registered) continue;
      const unit = await this.facts.unit(cadre.unitId);
      if (unit.registered)
        add({
          partyId: unit.unitId,
          role: 'unit',
          kind: 'unit',
          name: unit.name,
          basis: `${party.name}的帮扶单位（见帮扶责任人登记记录）`,
        });
    }
    for (const party of [...parties.values()].filter((p) => p.kind === 'unit')) {
      const lead = leadAt(await this.facts.unitLeads(party.partyId), at);
      if (lead)
        add({
          partyId: `lead:${party.partyId}`,
          role: 'lead-official',
          kind: 'person',
          name: lead,
          basis: `${party.name}于 ${at} 的牵头领导（见单位登记及变更记录）`,
        });
    }
    return [...parties.values()];
  }

  private async regionOf(against: { kind: 'person' | 'unit'; id: string }): Promise<string | undefined> {
    if (against.kind === 'unit') {
      const unit = await this.facts.unit(against.id);
      return unit.registered ? unit.regionCode : undefined;
    }
    const cadre = await this.facts.cadre(against.id);
    return cadre.registered ? cadre.regionCode : undefined;
  }
}

function householdOf(event: RecordedEvent): string | undefined {
  const ofStream = householdOfStream(event.streamId);
  if (ofStream) return ofStream;
  const data = event.data as { householdId?: unknown };
  return typeof data.householdId === 'string' ? data.householdId : undefined;
}
