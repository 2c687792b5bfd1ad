import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/** Lints one file's text as if it stood at `path` in the repository, and answers the rules it broke. */
function brokenRules(path: string, text: string): string[] {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', path, '--format', 'json'],
    {
      cwd: ROOT,
      input: text,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

// The probes are the very SQL the rule refuses, as text to lint elsewhere.
/* eslint-disable no-restricted-syntax */
const SQL_ON_HOUSEHOLDS = "export const sql = 'SELECT household_id FROM households WHERE village_code = ?';\n";
const SQL_ON_TIMERS = 'export const sql = `SELECT MIN(due_at) FROM timers`;\n';
/* eslint-enable no-restricted-syntax */

describe('the boundaries lint checks', () => {
  it('refuses SQL on a view table outside the library that owns it', () => {
    // Given SQL naming the registry's households table, and the workflow's timers
    // When it is written in the API app, in the application services, or in the other library
    // Then lint refuses it everywhere but in the owner
    expect(brokenRules('apps/api/src/registry/probe.ts', SQL_ON_HOUSEHOLDS)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: SQL names a view table/),
    ]);
    expect(brokenRules('libs/application/src/probe.ts', SQL_ON_HOUSEHOLDS)).toEqual([expect.stringMatching(/^no-restricted-syntax/)]);
    expect(brokenRules('libs/workflow/src/probe.ts', SQL_ON_HOUSEHOLDS)).toEqual([expect.stringMatching(/^no-restricted-syntax/)]);
    expect(brokenRules('libs/projections/src/probe.ts', SQL_ON_TIMERS)).toEqual([expect.stringMatching(/^no-restricted-syntax/)]);
    expect(brokenRules('libs/projections/src/household/probe.ts', SQL_ON_HOUSEHOLDS)).toEqual([]);
    expect(brokenRules('libs/workflow/src/timers/probe.ts', SQL_ON_TIMERS)).toEqual([]);
  }, 60_000);

  it('keeps apps out of each other and Nest out of the application services and the domain', () => {
    const importing = (from: string) => `import { x } from '${from}';\nexport const y = x;\n`;
    // Given imports across the boundaries DESIGN.md draws
    // Then the CLI reaches the API only through its entry, the API never reaches the CLI or the console, and the
    // application services and the domain stay framework-free
    expect(brokenRules('apps/cli/src/commands/probe.ts', importing('../../../api/src/http/problem'))).toEqual([
      expect.stringMatching(/^no-restricted-imports/),
    ]);
    expect(brokenRules('apps/cli/src/commands/probe.ts', importing('../../../api/src'))).toEqual([]);
    expect(brokenRules('apps/api/src/http/probe.ts', importing('../../../cli/src/args'))).toEqual([
      expect.stringMatching(/^no-restricted-imports/),
    ]);
    expect(brokenRules('libs/application/src/probe.ts', importing('@nestjs/common'))).toEqual([
      expect.stringMatching(/^no-restricted-imports/),
    ]);
    expect(brokenRules('libs/domain/src/probe.ts', importing('@bangfu/eventstore'))).toEqual([
      expect.stringMatching(/^no-restricted-imports/),
    ]);
  }, 60_000);
});
