import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as projections from '@bangfu/projections';
import * as workflow from '@bangfu/workflow';
import { allProjections } from './projection-catalog';

/** The lint rule's list of which library owns which view tables (eslint.config.mjs reads it). */
const owners = JSON.parse(readFileSync(join(__dirname, '../../../../view-owners.json'), 'utf8')) as Record<string, string[]>;

const exportedBy = (library: object) => new Set(Object.values(library));
/** Tables a library keeps beside its projections: the process runner's checkpoints. */
const RUNNER_TABLES = ['process_checkpoints'];

describe('view owners (the lint rule that keeps SQL on a view table inside its owner)', () => {
  it('lists exactly the tables each library declares', () => {
    // Given every projection the API runs, grouped by the library that exports it
    const ofLibrary = (library: object) =>
      allProjections.filter((projection) => exportedBy(library).has(projection)).flatMap((projection) => projection.tables);

    // When their declared tables are compared with the lint rule's lists
    const declared = {
      'libs/projections': ofLibrary(projections).sort(),
      'libs/workflow': [...ofLibrary(workflow), ...RUNNER_TABLES].sort(),
    };

    // Then each library's list is exactly its projections' tables, and every projection belongs to one of them
    expect({ 'libs/projections': [...owners['libs/projections']].sort(), 'libs/workflow': [...owners['libs/workflow']].sort() }).toEqual(
      declared,
    );
    expect(declared['libs/projections'].length + declared['libs/workflow'].length - RUNNER_TABLES.length).toBe(
      allProjections.flatMap((projection) => projection.tables).length,
    );
  });
});
