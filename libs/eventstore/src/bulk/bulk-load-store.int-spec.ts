import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '@bangfu/testing';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { inlineBatchWriter, type BatchWriter, type WriterFile } from './batch-writer';
import { BulkLoadStore } from './bulk-load-store';

// A worker thread loads compiled JavaScript, so the worker writer is taken from the build `npm test` makes first.
const compiled = join(__dirname, '..', '..', '..', '..', 'dist', 'libs', 'eventstore', 'src', 'bulk', 'batch-writer.js');
const { backgroundBatchWriter } = createRequire(__filename)(compiled) as typeof import('./batch-writer');

const NOW = new Date('2026-03-01T02:00:00.000Z');
const writers: Record<string, (file: WriterFile, inner: SqliteEventStore) => BatchWriter> = {
  'in this thread': (_file, inner) => inlineBatchWriter(inner),
  'on a worker thread': (file, inner) => backgroundBatchWriter(file, inner),
};

describe.each(Object.keys(writers))('BulkLoadStore writing %s', (how) => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bangfu-bulk-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = async (name: string) => {
    const file = { file: join(dir, name) };
    const inner = new SqliteEventStore(file);
    return BulkLoadStore.open(inner, () => NOW, { batchSize: 3, writer: writers[how](file, inner) });
  };

  it('writes what it accepted with the same positions, revisions and hashes as single appends', async () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ stream: `household-${i % 3}`, event: newEvent('ThingHappened', { i }) }));
    const single = new SqliteEventStore({ file: join(dir, 'single.db'), now: () => NOW });
    for (const { stream, event } of events) await single.append(stream, [event], 'any');
    const bulk = await open('bulk.db');
    for (const { stream, event } of events) await bulk.append(stream, [event], 'any');
    // A read of a stream with events still in flight waits for them.
    expect((await bulk.readStream('household-1')).map((e) => e.data)).toEqual([{ i: 1 }, { i: 4 }, { i: 7 }]);
    await bulk.close();
    const written = new SqliteEventStore({ file: join(dir, 'bulk.db') });
    const summary = (all: { position: number; streamId: string; revision: number; metadata: { hash: string } }[]) =>
      all.map((e) => [e.position, e.streamId, e.revision, e.metadata.hash]);
    expect(summary(await written.readAll())).toEqual(summary(await single.readAll()));
    expect((await written.verify()).ok).toBe(true);
    await written.close();
    await single.close();
  });

  it('fails loudly, and writes nothing more, when someone else wrote to its file meanwhile', async () => {
    const bulk = await open('bulk.db');
    await bulk.append('household-1', [newEvent()], 'no_stream');
    bulk.forget(); // in the file now
    await bulk.append('household-1', [newEvent()], 0); // accepted, not yet written
    const intruder = new SqliteEventStore({ file: join(dir, 'bulk.db') });
    await intruder.append('household-1', [newEvent()], 0);
    // Two more events fill a batch of three: it is handed to the writer and refused there (at once in this
    // thread, at the next read of the file on a worker), and none of it is written.
    await expect(bulk.append('household-1', [newEvent(), newEvent()], 1).then(() => bulk.readAll())).rejects.toThrow(/revision/i);
    expect(await intruder.headPosition()).toBe(2);
    await intruder.close();
    // Closing says so again: a worker writer remembers its failure (in this thread it was thrown at the append).
    if (how === 'on a worker thread') await expect(bulk.close()).rejects.toThrow(/the bulk writer failed: .*revision/i);
    else await bulk.close();
  });
});
