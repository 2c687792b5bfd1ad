import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  DEFAULT_EXIT_STANDARD,
  shanghaiDate,
  standardInForce,
  storedStandard,
  type Actor,
  type ExitStandardVersion,
  type SatisfactionSurvey,
  type SpotCheck,
} from '@bangfu/domain';
import { ReadStore, registerTotals } from '@bangfu/projections';
import {
  adoptedExitStandards,
  exitCase,
  procedureCatalog,
  exitFiguresIn,
  exitPipeline,
  ruralPopulationOf,
  villagesExited,
  WorkflowNotFoundError,
  type Clock,
} from '@bangfu/workflow';
import { assertVisible, codesUnder } from '@bangfu/application';
import { CLOCK } from '../infrastructure/tokens';

const DAY_MS = 86_400_000;

/** An indicator that must stay below a limit given in basis points: the rate beside the limit, and whether it holds. */
const below = (percent: number | null, limitBp: number) => ({
  percent,
  limitPercent: limitBp / 100,
  met: percent === null ? null : percent < limitBp / 100,
});
const catalog = procedureCatalog();

export class GetExit {
  constructor(
    readonly exitId: string,
    readonly actor: Actor,
  ) {}
}

/** The newest cases listed beside the pipeline's counts. */
const RECENT_CASES = 200;

export class GetExitPipeline {
  constructor(readonly regionPrefix: string) {}
}

export class GetExitIndicators {
  constructor(readonly regionCode: string) {}
}

/** One case: the procedure it runs under (its pinned version), where it is, and every act with its evidence. */
@QueryHandler(GetExit)
export class GetExitHandler implements IQueryHandler<GetExit> {
  constructor(private readonly views: ReadStore) {}

  async execute({ exitId, actor }: GetExit) {
    const found = exitCase(this.views, exitId);
    const notFound = () => new WorkflowNotFoundError(`no exit case ${exitId}`);
    if (!found) throw notFound();
    const { instance: row, steps } = found;
    assertVisible(actor, row.village_code, notFound);
    const definition = catalog.version(row.definition_id, row.version);
    const title = (name: string) => definition?.steps.find((step) => step.name === name)?.title ?? name;
    return {
      exitId,
      definition: { id: row.definition_id, version: row.version, title: definition?.title },
      subject: { kind: row.subject_kind, id: row.subject_id, villageCode: row.village_code },
      status: row.status,
      reason: row.reason,
      startedAt: row.started_at,
      startedBy: row.started_by,
      completedAt: row.completed_at,
      facts: JSON.parse(row.facts),
      current:
        row.status === 'open'
          ? {
              step: row.step,
              title: title(row.step),
              enteredAt: row.entered_at,
              dueAt: row.due_at,
              escalateAt: row.escalate_at,
              overdue: row.overdue === 1,
              escalated: row.escalated === 1,
            }
          : null,
      steps: steps.map((step) => ({
        seq: step.seq,
        step: step.step,
        title: title(step.step),
        action: step.action,
        actor: { id: step.actor_id, name: step.actor_name },
        enteredAt: step.entered_at,
        at: step.at,
        durationDays: Math.round((step.duration_ms / DAY_MS) * 100) / 100,
        evidence: JSON.parse(step.input),
        computed: JSON.parse(step.computed),
        // What the step was decided on (the household's help plan at 入户核实, the income line in force).
        facts: JSON.parse(step.facts),
        nextStep: step.next_step,
        eventId: step.event_id,
      })),
      procedure: definition?.steps.map((step) => ({
        step: step.name,
        title: step.title,
        roles: step.roles,
        evidence: step.evidence,
        minDays: step.minDays ?? 0,
        deadlineDays: step.deadline.days,
        escalateAfterDays: step.deadline.escalateAfterDays,
        returnTo: step.returnTo ?? null,
        objectionReturnsTo: step.objection?.returnTo ?? null,
      })),
    };
  }
}

/** Cases in a division by step, with the overdue ones (past their step's deadline now) listed. */
@QueryHandler(GetExitPipeline)
export class GetExitPipelineHandler implements IQueryHandler<GetExitPipeline> {
  constructor(
    private readonly views: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ regionPrefix }: GetExitPipeline) {
    const now = this.clock.now().toISOString();
    const { counts, overdue, reached, cases: recent } = exitPipeline(this.views, regionPrefix, now, { recent: RECENT_CASES });
    const definitions = [...new Set(counts.map((row) => row.definition_id))].sort().map((id) => {
      const definition = catalog.latest(id);
      const of = (status: string) => counts.filter((row) => row.definition_id === id && row.status === status);
      const open = of('open');
      return {
        id,
        title: definition?.title ?? id,
        open: open.reduce((sum, row) => sum + row.n, 0),
        passed: of('passed').reduce((sum, row) => sum + row.n, 0),
        withdrawn: of('withdrawn').reduce((sum, row) => sum + row.n, 0),
        steps: (definition?.steps ?? []).map((step) => {
          const row = open.find((r) => r.step === step.name);
          const entered = reached.find((r) => r.definition_id === id && r.step === step.name)?.n ?? 0;
          return {
            step: step.name,
            title: step.title,
            reached: entered,
            open: row?.n ?? 0,
            overdue: row?.overdue ?? 0,
            escalated: row?.escalated ?? 0,
          };
        }),
      };
    });
    return {
      regionCode: regionPrefix,
      asOf: now,
      definitions,
      overdue: overdue.map((row) => ({
        exitId: row.exit_id,
        subjectId: row.subject_id,
        definitionId: row.definition_id,
        step: row.step,
        enteredAt: row.entered_at,
        dueAt: row.due_at,
        escalated: row.escalated === 1,
      })),
      cases: recent.map((row) => ({
        exitId: row.exit_id,
        subject: { kind: row.subject_kind, id: row.subject_id, villageCode: row.village_code },
        definitionId: row.definition_id,
        status: row.status,
        step: row.status === 'open' ? row.step : null,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        overdue: row.status === 'open' && row.due_at !== null && row.due_at < now,
      })),
    };
  }
}

/** 摘帽 indicators for a division: incidence from the registry, 错退率/漏评率 from spot checks, 认可度 from surveys. */
@QueryHandler(GetExitIndicators)
export class GetExitIndicatorsHandler implements IQueryHandler<GetExitIndicators> {
  constructor(
    private readonly views: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ regionCode }: GetExitIndicators) {
    const range = codesUnder(regionCode);
    const registry = registerTotals(this.views, range);
    const ruralPopulation = ruralPopulationOf(this.views, regionCode);
    const checks = exitFiguresIn(this.views, 'spot-check', range) as SpotCheck[];
    const surveys = exitFiguresIn(this.views, 'survey', range) as SatisfactionSurvey[];
    const standard = this.standardInForce(regionCode);
    const sum = <T>(rows: T[], key: keyof T) => rows.reduce((total, row) => total + Number(row[key]), 0);
    const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole) / 100);
    const villages = villagesExited(this.views, range);
    const incidence = ruralPopulation ? rate(registry.poor_population, ruralPopulation) : null;
    const wrong = rate(sum(checks, 'wronglyExited'), sum(checks, 'exitedSampled'));
    const missed = rate(sum(checks, 'missedPoor'), sum(checks, 'othersSampled'));
    const approval = rate(sum(surveys, 'satisfied'), sum(surveys, 'respondents'));
    return {
      regionCode,
      asOf: this.clock.now().toISOString(),
      standard: { regionCode: standard.regionCode, version: standard.version, reason: standard.reason },
      registry: { households: registry.households, exited: registry.exited, poorPopulation: registry.poor_population, ruralPopulation },
      villagesExited: villages,
      indicators: {
        incidence: below(incidence, standard.incidenceLimitBp),
        wrongExitRate: { ...below(wrong, standard.wrongExitLimitBp), sampled: sum(checks, 'exitedSampled') },
        missedRate: { ...below(missed, standard.missedLimitBp), sampled: sum(checks, 'othersSampled') },
        approval: {
          percent: approval,
          minimumPercent: standard.approvalMinimumBp / 100,
          met: approval === null ? null : approval >= standard.approvalMinimumBp / 100,
          respondents: sum(surveys, 'respondents'),
        },
      },
      spotChecks: checks,
      surveys,
    };
  }

  private standardInForce(regionCode: string): ExitStandardVersion {
    const byRegion = new Map<string, ExitStandardVersion[]>();
    for (const adopted of adoptedExitStandards(this.views)) {
      const version = storedStandard(adopted as ExitStandardVersion);
      byRegion.set(version.regionCode, [...(byRegion.get(version.regionCode) ?? []), version]);
    }
    // The standard in force on today's Shanghai date, as the commands pick it (the UTC date lags it until 08:00).
    const date = shanghaiDate(this.clock.now());
    return byRegion.size === 0 ? DEFAULT_EXIT_STANDARD : standardInForce(byRegion, regionCode.padEnd(12, '0'), date);
  }
}
