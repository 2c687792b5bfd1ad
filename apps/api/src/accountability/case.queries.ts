import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { caseRecord, casesIn, ReadStore } from '@bangfu/projections';
import { assertVisible, CitedEvents } from '@bangfu/application';
import { ProblemException } from '../http/problem';

export class GetCase {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {}
}

export class ListCases {
  constructor(
    readonly regionPrefix: string,
    readonly limit: number,
  ) {}
}

/** The cases in a division, newest first, each with its parties and how many have a decision. */
@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix, limit }: ListCases) {
    const rows = casesIn(this.views, regionPrefix, limit);
    return {
      cases: rows.map((row) => ({
        caseId: row.case_id,
        regionCode: row.region_code,
        against: { kind: row.against_kind, id: row.against_id },
        summary: row.summary,
        groundEventIds: JSON.parse(row.ground_event_ids),
        parties: JSON.parse(row.parties),
        decided: row.decided,
        openedAt: row.opened_at,
        openedBy: row.opened_by,
      })),
    };
  }
}

/** A case: its grounds, its parties with how the record names each, and the decisions so far. */
@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase> {
  constructor(
    private readonly views: ReadStore,
    private readonly cited: CitedEvents,
  ) {}

  async execute({ caseId, actor }: GetCase) {
    const record = caseRecord(this.views, caseId);
    const notFound = () => new ProblemException(404, 'CASE_NOT_FOUND', `no case ${caseId}`);
    if (!record) throw notFound();
    const { case: row, decisions } = record;
    assertVisible(actor, row.region_code, notFound);
    return {
      caseId,
      regionCode: row.region_code,
      against: { kind: row.against_kind, id: row.against_id },
      summary: row.summary,
      groundEventIds: JSON.parse(row.ground_event_ids),
      // Each ground where it is in the log, so a reader can open it on its own timeline.
      grounds: await this.cited.locate(JSON.parse(row.ground_event_ids) as string[]),
      groundsAt: row.grounds_at,
      parties: JSON.parse(row.parties),
      openedAt: row.opened_at,
      openedBy: row.opened_by,
      eventId: row.event_id,
      decisions: decisions.map((d) => ({
        partyId: d.party_id,
        decision: d.decision,
        reason: d.reason,
        decidedAt: d.decided_at,
        decidedBy: d.decided_by,
        eventId: d.event_id,
      })),
    };
  }
}
