import { cadreStreamId, householdStreamId } from '@bangfu/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@bangfu/eventstore';
import { householdRow, ProjectionRunner, ReadStore } from '@bangfu/projections';
import { ProcessManagerRunner, VirtualClock, cadreRecallProcess, carryOutReactions, type CommandDispatcher } from '@bangfu/workflow';
import { Application } from '@bangfu/application';
import { SONGJIANG_DIVISIONS, expectRefused, registerDivisions, startTestApp, type TestApp } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HEAD = { name: '金大山', idNumber: '11010519491231002X', relation: '户主' };
const HOUSEHOLDS = ['2224261032010001', '2224261032010002', '2224261032010003'];

/**
 * 召回 as a process: the plan is recorded in one append, the households pass to their successors, and the recall
 * completes. Killed halfway, the process resumes from its checkpoint and repeats nothing.
 */
describe('recalling a cadre (召回), resumable', () => {
  let t: TestApp;
  let admin: string;
  const post = (path: string, body: unknown) => t.request('POST', `/api/v1${path}`, { token: admin, body });
  const store = () => t.app.get<EventStore>(EVENT_STORE);
  const holder = async (householdId: string) => {
    await t.app.get(ProjectionRunner).waitFor(await store().headPosition());
    return householdRow(t.app.get(ReadStore), householdId)?.cadre_id;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new VirtualClock('2026-03-01T01:00:00.000Z') });
    admin = t.token(['county-admin'], '220000', 'admin-recall');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    for (const cadreId of ['c1', 'c2', 'c3']) {
      expect((await post('/cadres', { cadreId, name: `干部${cadreId}`, unitId: 'jl-wjw', position: '科员' })).status).toBe(201);
    }
    for (const householdId of HOUSEHOLDS) {
      const household = { householdId, villageCode: '222426103201', members: [HEAD], category: '一般贫困户', causes: ['因病'] };
      expect((await post('/households', { ...household, identifiedAt: '2026-02-20T00:00:00Z' })).status).toBe(201);
      expect((await post(`/households/${householdId}/assignments`, { cadreId: 'c1', reason: '结对' })).status).toBe(201);
    }
    await t.settle();
  });
  afterAll(async () => t.close());

  it('given the recall process killed after one handover, when it runs again, then every household passes once and the recall completes', async () => {
    // Given this node's recall process stopped, so the request alone is recorded.
    const processes = t.app.get(ProcessManagerRunner);
    await processes.stop();
    const handovers = [
      { householdId: HOUSEHOLDS[0], successorId: 'c2' },
      { householdId: HOUSEHOLDS[1], successorId: 'c3' },
      { householdId: HOUSEHOLDS[2], successorId: 'c2' },
    ];
    expect((await post('/cadres/c1/recall', { reason: '工作不实', handovers })).status).toBe(201);
    const request = (await store().readStream(cadreStreamId('c1'))).at(-1) as RecordedEvent;
    expect(request.type).toBe('CadreRecallRequested');

    // When the process dies after its first handover (as a node killed mid-way would).
    const router = t.app.get(Application).router;
    let dispatched = 0;
    const dying: CommandDispatcher = {
      dispatchRecorded: (command, metadata) => {
        if (dispatched++ === 1) throw new Error('node killed');
        return router.dispatchRecorded(command, metadata);
      },
    };
    const views = t.app.get(ReadStore);
    await expect(carryOutReactions(store(), dying, cadreRecallProcess, request, { views }, new Date())).rejects.toThrow('node killed');

    // Then one household has passed, two are still held, and the cadre already takes on nothing new.
    expect([await holder(HOUSEHOLDS[0]), await holder(HOUSEHOLDS[1]), await holder(HOUSEHOLDS[2])]).toEqual(['c2', 'c1', 'c1']);
    const recalledAt = (await t.request('GET', '/api/v1/cadres/c1', { token: admin })).body.recalledAt;
    expect(recalledAt).toBeNull();

    // When the process runs again from its checkpoint.
    await processes.start();
    await t.settle();

    // Then each household has passed to its successor exactly once, and the recall is complete, once.
    expect([await holder(HOUSEHOLDS[0]), await holder(HOUSEHOLDS[1]), await holder(HOUSEHOLDS[2])]).toEqual(['c2', 'c3', 'c2']);
    for (const [i, householdId] of HOUSEHOLDS.entries()) {
      const assigned = (await store().readStream(householdStreamId(householdId))).filter(
        (event) => event.type === 'CadreAssigned' && (event.data as Answer).cadreId === handovers[i].successorId,
      );
      expect(assigned).toHaveLength(1);
      expect(assigned[0].metadata.causationId).toBe(request.id);
    }
    const completed = (await store().readStream(cadreStreamId('c1'))).filter((event) => event.type === 'CadreRecalled');
    expect(completed).toHaveLength(1);
    const cadre = (await t.request('GET', '/api/v1/cadres/c1', { token: admin })).body;
    expect(cadre.recalledAt).not.toBeNull();
  });

  it('given a recalled cadre, a household cannot be assigned to them, nor can they be recalled again', async () => {
    await expectRefused(
      t,
      () => post(`/households/${HOUSEHOLDS[0]}/assignments`, { cadreId: 'c1', reason: '回调' }),
      409,
      'CADRE_RECALLED',
    );
    await expectRefused(t, () => post('/cadres/c1/recall', { reason: '再次召回', handovers: [] }), 409, 'CADRE_ALREADY_RECALLED');
  });

  it('with the process running, the answer waits for it: the households are read handed over at the position it gives', async () => {
    const answer = await post('/cadres/c2/recall', {
      reason: '调离',
      handovers: [
        { householdId: HOUSEHOLDS[0], successorId: 'c3' },
        { householdId: HOUSEHOLDS[2], successorId: 'c3' },
      ],
    });
    expect(answer.status).toBe(201);
    const read = await t.request('GET', `/api/v1/households/${HOUSEHOLDS[2]}/responsibility?minPosition=${answer.body.position}`, {
      token: admin,
    });
    expect(read.body.periods.at(-1)).toMatchObject({ cadreId: 'c3', to: null });
  });
});
