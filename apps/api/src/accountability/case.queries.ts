import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { ReadStore } from '@bangfu/projections';
import { assertVisible, CitedEvents, codesUnder } from '@bangfu/application';
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
    const rows = this.views
      .prepare(
        `SELECT c.*, (SELECT COUNT(*) FROM case_decisions d WHERE d.case_id = c.case_id) AS decided FROM cases c
          WHERE region_code >= ? AND region_code < ? ORDER BY opened_at DESC, case_id LIMIT ?`,
      )
      .all(...codesUnder(regionPrefix), limit) as (Record<string, string> & { decided: number })[];
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
    const row = this.views.prepare('SELECT * FROM cases WHERE case_id = ?').get(caseId) as Record<string, string> | undefined;
    const notFound = () => new ProblemException(404, 'CASE_NOT_FOUND', `no case ${caseId}`);
    if (!row) throw notFound();
    assertVisible(actor, row.region_code, notFound);
    const decisions = this.views.prepare('SELECT * FROM case_decisions WHERE case_id = ? ORDER BY decided_at').all(caseId) as Record<
      string,
      string
    >[];
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
