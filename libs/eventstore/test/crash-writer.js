// Child process of the crash-safety test: appends forever from several concurrent writers (so appends are
// group-committed) and reports every acknowledged event id on stdout, until it is killed with SIGKILL.
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('../../../dist/libs/eventstore/src/index.js');

// `thread` as the second argument: appends committed on the commit thread, as the API does.
const store = new SqliteEventStore({ file: process.argv[2], commitThread: process.argv[3] === 'thread' });
const actor = { id: 'crash-test', roles: ['system'] };

async function writer(w) {
  const stream = `household-${process.pid}-${w}`;
  for (let last = -1, round = 0; ; round++) {
    // Every third append carries three events, to show multi-event appends are all-or-nothing too.
    const events = Array.from({ length: round % 3 === 0 ? 3 : 1 }, (_, i) => ({
      id: randomUUID(),
      type: 'CrashTested',
      data: { w, round, i, note: '不脱贫不脱钩' },
      metadata: { actor, occurredAt: new Date().toISOString(), correlationId: randomUUID() },
    }));
    await store.append(stream, events, last < 0 ? 'no_stream' : last);
    last += events.length;
    process.stdout.write(events.map((e) => `${e.id}\n`).join(''));
  }
}

for (let w = 0; w < 8; w++)
  writer(w).catch((error) => {
    process.stderr.write(`writer ${w}: ${error.message}\n`);
    process.exit(3);
  });
