import { readFileSync } from 'node:fs';
import { DomainError, type Actor } from '@bangfu/domain';
import { systemClock } from '@bangfu/workflow';
import { loadConfig, openEventStore, parsePlan, RecordFacts, TaskCommands } from '@bangfu/application';
import { UsageError } from '../args';
import { decodeText } from '../import/read-text';

/**
 * Issues a plan's items as tasks through the same handler as `POST /tasks`. Each item's id derives from the
 * plan and its number, so a second run issues nothing new. Exit 0 when every item is issued, 1 naming each refusal.
 */
export async function importPlan(file: string, actorName: string): Promise<number> {
  let text: string;
  try {
    text = decodeText(readFileSync(file)).text;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: ReturnType<typeof parsePlan>;
  try {
    parsed = parsePlan(text, file);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message} (see README, "Tasks and 红黑榜")`);
  }
  const actor: Actor = { id: `import:${actorName}`, name: 'bangfu import plan', roles: ['county-admin'], regionCode: '000000' };
  const store = openEventStore(loadConfig(), systemClock);
  const tasks = new TaskCommands(store, new RecordFacts(store));
  const errors = parsed.errors.map((e) => `${e.where}, ${e.field}: ${e.reason}`);
  let issued = 0;
  let already = 0;
  try {
    for (const task of parsed.tasks) {
      try {
        const result = await tasks.execute(
          { type: 'IssueTask', data: task },
          { actor, now: new Date(), idempotencyKey: `import:plan:${task.taskId}` },
        );
        if (result.duplicate) already++;
        else issued++;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'TASK_ALREADY_ISSUED') already++;
        else if (error instanceof DomainError) errors.push(`item ${task.item}: ${error.message}`);
        else throw error;
      }
    }
  } finally {
    await store.close();
  }
  for (const error of errors) console.error(error);
  console.log(
    `${file}: ${parsed.tasks.length + parsed.errors.length} items — ${issued} issued, ${already} already issued, ${errors.length} refused`,
  );
  return errors.length > 0 ? 1 : 0;
}
