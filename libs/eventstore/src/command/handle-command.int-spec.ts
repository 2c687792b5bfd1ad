import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, type Decider } from '@bangfu/domain';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ConcurrencyConflictError, IdempotencyKeyReusedError, handleCommand, loadState } from './handle-command';

type Command = { type: 'Disburse'; data: { amount: number } };
type Event = { type: 'Disbursed'; data: { amount: number; balance: number } };

class OverdrawnError extends DomainError {
  readonly code = 'OVERDRAWN';
}

// A fund of 1000 fen: the invariant only holds if every decision sees every earlier one.
const fund: Decider<Command, Event, { balance: number }> = {
  initialState: () => ({ balance: 1000 }),
  evolve: (_state, event) => ({ balance: event.data.balance }),
  decide: (command, state) => {
    if (command.data.amount > state.balance) throw new OverdrawnError(`only ${state.balance} left`);
    return [{ type: 'Disbursed', data: { amount: command.data.amount, balance: state.balance - command.data.amount } }];
  },
};

describe('handleCommand', () => {
  let dir: string;
  let store: SqliteEventStore;
  const meta = (extra = {}) => ({ actor: { id: 'county-1', roles: ['county-admin'] }, now: new Date('2026-05-01T00:00:00Z'), ...extra });
  const disburse = (amount: number, extra = {}) =>
    handleCommand(store, 'fund-1', fund, { type: 'Disburse', data: { amount } }, meta(extra), { maxRetries: 50 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-handle-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-decides on fresh state after a conflict, so writers in several processes never break the invariant', async () => {
    // Ten connections to one file stand for ten processes: each has its own in-process queue.
    const others = Array.from({ length: 9 }, () => new SqliteEventStore({ file: join(dir, 'events.db') }));
    const stores = [store, ...others];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        handleCommand(stores[i % stores.length], 'fund-1', fund, { type: 'Disburse', data: { amount: 100 } }, meta(), { maxRetries: 50 }),
      ),
    );
    await Promise.all(others.map((other) => other.close()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.reason).toBeInstanceOf(OverdrawnError);
    const events = await store.readStream('fund-1');
    expect(events.map((e) => (e.data as Event['data']).balance)).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
  });

  it('gives up with CONCURRENT_MODIFICATION after its retries', async () => {
    await disburse(1);
    const others = Array.from({ length: 10 }, () => new SqliteEventStore({ file: join(dir, 'events.db') }));
    const racing = others.map((other) =>
      handleCommand(other, 'fund-1', fund, { type: 'Disburse', data: { amount: 1 } }, meta(), { maxRetries: 0 }),
    );
    const results = await Promise.allSettled(racing);
    await Promise.all(others.map((other) => other.close()));
    const conflicts = results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflictError);
    expect(conflicts.length).toBe(9);
  });

  it('takes commands on one stream in turn within a process, so none of them needs a retry', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        handleCommand(store, 'fund-1', fund, { type: 'Disburse', data: { amount: 1 } }, meta(), { maxRetries: 0 }),
      ),
    );
    expect(results.map((r) => r.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('answers a resend with the same idempotency key as the first time, without a second effect', async () => {
    const first = await disburse(300, { idempotencyKey: 'county-1:abc', requestHash: 'h1' });
    await disburse(50);
    const again = await disburse(300, { idempotencyKey: 'county-1:abc', requestHash: 'h1' });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await store.readStream('fund-1')).toHaveLength(2);
    await expect(disburse(999, { idempotencyKey: 'county-1:abc', requestHash: 'h2' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('keeps the folded state between commands and reads only the events after it, the other writers’ included', async () => {
    // Given a state kept after two disbursements, and a second process that disbursed since.
    await disburse(100);
    await disburse(100);
    const other = new SqliteEventStore({ file: join(dir, 'events.db') });
    await handleCommand(other, 'fund-1', fund, { type: 'Disburse', data: { amount: 700 } }, meta());
    await other.close();
    const reads = jest.spyOn(store, 'readStream');
    // When this process decides again, then it reads from the kept revision on and sees the other's disbursement.
    await expect(disburse(200)).rejects.toBeInstanceOf(OverdrawnError);
    expect(reads.mock.calls).toEqual([['fund-1', { fromRevision: 2 }]]);
    await disburse(100);
    expect(((await store.readStream('fund-1')).at(-1)?.data as Event['data']).balance).toBe(0);
  });

  it('keeps no final state, and still answers a late resend from the log', async () => {
    // Given a fund the decider calls final once it is spent
    const spent: Decider<Command, Event, { balance: number }> = { ...fund, isFinal: (state) => state.balance === 0 };
    const spend = (amount: number, extra = {}) =>
      handleCommand(store, 'fund-1', spent, { type: 'Disburse', data: { amount } }, meta(extra));
    await spend(400);
    expect(store.stateCache.size.streams).toBe(1);
    // When it is spent
    const last = await spend(600, { idempotencyKey: 'county-1:last' });
    // Then nothing of it is kept, and a resend of the last command reads the stream and gets the first answer
    expect(store.stateCache.size).toEqual({ streams: 0, events: 0 });
    const reads = jest.spyOn(store, 'readStream');
    await expect(spend(600, { idempotencyKey: 'county-1:last' })).resolves.toEqual({ ...last, duplicate: true });
    expect(reads.mock.calls).toEqual([['fund-1', {}]]);
    await expect(spend(1)).rejects.toBeInstanceOf(OverdrawnError);
  });

  it('freezes a kept state, so a handler that changed one fails there instead of misleading the next decision', async () => {
    await disburse(100);
    const kept = await loadState(store, 'fund-1', fund);
    expect(() => {
      (kept as { balance: number }).balance = 5000;
    }).toThrow(TypeError);
    await expect(disburse(901)).rejects.toBeInstanceOf(OverdrawnError);
  });

  it('records the actor, business time and correlation it was given', async () => {
    await disburse(10, { occurredAt: '2026-04-30T08:00:00.000Z', correlationId: 'corr-1', causationId: 'cause-1' });
    const [event] = await store.readStream('fund-1');
    expect(event.metadata).toMatchObject({
      actor: { id: 'county-1' },
      occurredAt: '2026-04-30T08:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
    });
  });
  it('hands the decider the facts its handler read beside the intent, and compiles only with the facts a type needs', async () => {
    // Given a ledger whose Pay is decided with the payee's standing (read elsewhere) and whose Note needs none.
    type LedgerCommand = { type: 'Pay'; data: { to: string } } | { type: 'Note'; data: { text: string } };
    type LedgerEvent = { type: 'Paid'; data: { to: string; eligible: boolean } } | { type: 'Noted'; data: { text: string } };
    interface LedgerFacts {
      Pay: { eligible: boolean };
    }
    const ledger: Decider<LedgerCommand, LedgerEvent, null, LedgerFacts> = {
      initialState: () => null,
      evolve: (state) => state,
      decide: (command) =>
        command.type === 'Pay'
          ? [{ type: 'Paid', data: { to: command.data.to, eligible: command.facts.eligible } }]
          : [{ type: 'Noted', data: command.data }],
    };
    const pay = { type: 'Pay' as const, data: { to: 'h1' } };
    const note = { type: 'Note' as const, data: { text: '核对' } };

    // When each is handled, then the decision saw the facts, and the caller's command carried none.
    await handleCommand(store, 'ledger-1', ledger, pay, meta(), { facts: { eligible: true } });
    await handleCommand(store, 'ledger-1', ledger, note, meta());
    expect((await store.readStream('ledger-1')).map((e) => e.data)).toEqual([{ to: 'h1', eligible: true }, { text: '核对' }]);
    expect(pay).toEqual({ type: 'Pay', data: { to: 'h1' } });

    // And a type that needs facts does not compile without them, nor with others; one that needs none takes none.
    const compileOnly = () => {
      // @ts-expect-error Pay is decided with the payee's standing
      void handleCommand(store, 'ledger-1', ledger, pay, meta());
      // @ts-expect-error not the facts Pay is decided with
      void handleCommand(store, 'ledger-1', ledger, pay, meta(), { facts: { registered: true } });
      // @ts-expect-error Note is decided on the stream alone
      void handleCommand(store, 'ledger-1', ledger, note, meta(), { facts: { eligible: true } });
    };
    expect(compileOnly).toBeInstanceOf(Function);
  });
});
