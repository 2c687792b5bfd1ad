import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { findingsIn, inspectionRecord, inspectionsIn, ReadStore, type FindingRow } from '@bangfu/projections';
import { assertVisible } from '@bangfu/application';
import { ProblemException } from '../http/problem';

export class GetInspection {
  constructor(
    readonly inspectionId: string,
    readonly actor: Actor,
  ) {}
}

export class ListFindings {
  constructor(
    readonly regionPrefix: string,
    readonly status: string | undefined,
    readonly limit: number,
    readonly inspectionId?: string,
  ) {}
}

export class ListInspections {
  constructor(
    readonly regionPrefix: string,
    readonly limit: number,
    readonly before?: string,
  ) {}
}

function findingView(row: FindingRow) {
  return {
    findingId: row.finding_id,
    inspectionId: row.inspection_id,
    regionCode: row.region_code,
    target: { kind: row.target_kind, id: row.target_id },
    type: row.type,
    severity: row.severity,
    description: row.description,
    evidence: JSON.parse(row.evidence),
    eventIds: JSON.parse(row.event_ids),
    status: row.status,
    round: row.round,
    deadline: row.deadline,
    responsible: row.responsible,
    overdue: row.overdue === 1,
    escalated: row.escalated === 1,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    closedAt: row.closed_at,
  };
}

/** What every answer says of a draw. */
function inspectionView(row: Record<string, string | number>) {
  return {
    inspectionId: row.inspection_id,
    regionCode: row.region_code,
    kind: row.kind,
    purpose: row.purpose,
    team: row.team,
    seed: row.seed,
    populationSize: row.population_size,
    drawnAt: row.drawn_at,
    drawnBy: row.drawn_by,
  };
}

/** A draw as recorded (seed, population size and digest, sample) and the findings recorded under it. */
@QueryHandler(GetInspection)
export class GetInspectionHandler implements IQueryHandler<GetInspection> {
  constructor(private readonly views: ReadStore) {}

  async execute({ inspectionId, actor }: GetInspection) {
    const record = inspectionRecord(this.views, inspectionId);
    const notFound = () => new ProblemException(404, 'INSPECTION_NOT_FOUND', `no inspection ${inspectionId}`);
    if (!record) throw notFound();
    const { inspection: row, findings } = record;
    assertVisible(actor, String(row.region_code), notFound);
    return {
      ...inspectionView(row),
      populationDigest: row.population_digest,
      sample: JSON.parse(String(row.sample)),
      eventId: row.event_id,
      findings: findings.map(findingView),
    };
  }
}

/** Findings in a division, each with where its rectification stands and its full history. */
@QueryHandler(ListFindings)
export class ListFindingsHandler implements IQueryHandler<ListFindings> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix, status, limit, inspectionId }: ListFindings) {
    const rows = findingsIn(this.views, regionPrefix, { inspectionId, status, limit });
    return {
      findings: rows.map((row) => ({
        ...findingView(row),
        history: row.history.map((h) => ({
          type: h.type,
          at: h.at,
          actorId: h.actor_id,
          data: JSON.parse(h.data),
          eventId: h.event_id,
        })),
      })),
    };
  }
}

/** The draws in a division, newest first, with how many findings each has and how many are still open; paged by `before`. */
@QueryHandler(ListInspections)
export class ListInspectionsHandler implements IQueryHandler<ListInspections> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix, limit, before }: ListInspections) {
    const rows = inspectionsIn(this.views, regionPrefix, { before, limit });
    const inspections = rows.map((row) => ({
      ...inspectionView(row),
      sampleSize: (JSON.parse(String(row.sample)) as unknown[]).length,
      findings: row.findings,
      openFindings: row.open_findings,
    }));
    const last = rows.at(-1);
    return { inspections, next: rows.length === limit && last ? `${last.drawn_at}${last.inspection_id}` : null };
  }
}
