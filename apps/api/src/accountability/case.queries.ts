import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { ReadStore } from '@bangfu/projections';
import { assertVisible } from '../access/jurisdiction';
import { ProblemException } from '../http/problem';

export class GetCase {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {}
}

/** A case: its grounds, its parties with how the record names each, and the decisions so far. */
@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase> {
  constructor(private readonly views: ReadStore) {}

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
