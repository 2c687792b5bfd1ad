import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import { ReadStore } from '@bangfu/projections';
import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { Decision } from '@bangfu/domain';
import type { WorkflowCommand, WorkflowEvent, WorkflowFacts } from '../definition/workflow-messages';

type Decided = Decision<WorkflowCommand, WorkflowFacts>;
import { exitCatalog, exitDecider, HOUSEHOLD_EXIT_V1 } from './exit-definitions';
import { exitProjection } from './exit.projection';

const DAY = 86_400_000;
const HH = '2224261032010001';
const ID = `${HH}-1`;
const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY);
const TEAM: Actor = { id: 't1', roles: ['work-team'] };
const TOWN: Actor = { id: 'r1', roles: ['township-reviewer'] };
const COUNTY: Actor = { id: 'a1', roles: ['county-admin'] };
const CHECK = { result: 'met', evidence: '入户查看' };

/**
 * The flags the exits view reads off the record: a 公示 shorter than the national 7 days (a county that
 * configured 5), an exit announced under a line the verified income no longer exceeds, and a proposal with
 * no recent visit by the responsible cadre. Real SQLite file, events from the real runtime.
 */
describe('exit projection flags', () => {
  let dir: string;
  let views: ReadStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-exit-view-'));
    views = new ReadStore(join(dir, 'views.db'));
    views.createGeneration(exitProjection, 1);
    views.switchViews(exitProjection, 1);
  });
  afterEach(() => {
    views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function record(steps: [Decided, Actor, Date][], definitions: WorkflowDefinition[]): void {
    const decider = exitDecider(exitCatalog(definitions));
    const history: WorkflowEvent[] = [];
    const writer = views.writer(exitProjection, 1);
    for (const [command, actor, now] of steps) {
      const state = history.reduce(decider.evolve, decider.initialState());
      for (const event of decider.decide(command, state, { now, actor })) {
        history.push(event);
        const position = history.length;
        const metadata = {
          actor,
          occurredAt: now.toISOString(),
          recordedAt: now.toISOString(),
          correlationId: 'c',
          schemaVersion: 1,
          prevHash: '',
          hash: '',
        };
        exitProjection.apply(
          { ...event, id: `e${position}`, streamId: `exit-${HH}`, revision: position - 1, position, metadata } as RecordedEvent,
          writer,
        );
      }
    }
  }

  const line = (fen: number) => ({ memberCount: 2, incomeLine: { fen, regionCode: '222426', version: fen === 400_000 ? 1 : 2 } });
  const act = (step: string, input: Record<string, unknown>, lineFen = 400_000): Decided => ({
    type: 'ActOnStep',
    data: { instanceId: ID, step, action: 'approve', input },
    facts: { record: line(lineFen) },
  });
  const walk = (noticeDays: number, announcementLine: number, lastVisit: string | null): [Decided, Actor, Date][] => [
    [
      {
        type: 'StartWorkflow',
        data: { definitionId: 'household-exit', subject: { kind: 'household', id: HH }, reason: '拟退出' },
        facts: {
          regionCode: '222426103201',
          record: {
            status: 'registered',
            exited: false,
            villageCode: '222426103201',
            responsibleCadreId: 'c1',
            lastVisitByResponsibleAt: lastVisit,
            memberCount: 2,
          },
        },
      },
      TEAM,
      at(0),
    ],
    [
      act('verification', {
        verification: {
          incomeItems: [{ source: '工资性收入', amountFen: 900_002 }],
          checklist: Object.fromEntries(['food', 'clothing', 'education', 'medical', 'housing', 'water'].map((k) => [k, CHECK])),
        },
      }),
      TEAM,
      at(1),
    ],
    [act('review', { vote: { for: 9, against: 1, abstain: 0 } }), TEAM, at(2)],
    [act('notice', { notice: { location: '公开栏' } }), TEAM, at(2 + noticeDays)],
    [act('township', { review: { opinion: '同意' } }), TOWN, at(3 + noticeDays)],
    [act('county', { review: { opinion: '同意' } }), COUNTY, at(4 + noticeDays)],
    [
      act('announcement', { announcement: { householdAgreement: { agreed: true, signedBy: '户主' } } }, announcementLine),
      COUNTY,
      at(5 + noticeDays),
    ],
  ];
  const flags = () =>
    views.prepare('SELECT type, household_id, details, event_ids FROM exit_flags ORDER BY type').all() as {
      type: string;
      details: string;
      event_ids: string;
    }[];

  it('raises none for an exit by the rules', () => {
    record(walk(7, 400_000, at(-20).toISOString()), [HOUSEHOLD_EXIT_V1]);
    expect(flags()).toEqual([]);
    expect(views.prepare('SELECT status, per_capita_fen FROM exit_instances').get()).toEqual({ status: 'passed', per_capita_fen: 450_001 });
  });

  it('flags a 公示 shorter than 7 days, a line risen above the verified income, and no recent visit', () => {
    const shortNotice: WorkflowDefinition = {
      ...HOUSEHOLD_EXIT_V1,
      version: 2,
      steps: HOUSEHOLD_EXIT_V1.steps.map((step) => (step.name === 'notice' ? { ...step, minDays: 5 } : step)),
    };
    record(walk(5, 460_000, at(-100).toISOString()), [HOUSEHOLD_EXIT_V1, shortNotice]);
    const raised = flags();
    expect(raised.map((flag) => flag.type)).toEqual(['EXIT_BELOW_INCOME_LINE', 'EXIT_WITHOUT_RECENT_VISITS', 'NOTICE_TOO_SHORT']);
    expect(JSON.parse(raised[0].details)).toMatchObject({ perCapitaIncomeFen: 450_001, incomeLineFen: 460_000 });
    // The flag cites the verification it rests on and the announcement that exited the household.
    expect(JSON.parse(raised[0].event_ids)).toEqual(['e3', 'e13']);
    expect(JSON.parse(raised[2].details)).toMatchObject({ days: 5, minimumDays: 7 });
  });
});
