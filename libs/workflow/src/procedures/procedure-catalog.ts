import { DefinitionCatalog, type WorkflowDefinition } from '../definition/workflow-definition';
import { workflowDecider, type WorkflowGuard } from '../definition/workflow-runtime';
import { EXIT_DEFINITIONS } from '../exit/exit-definitions';
import { EXIT_GUARDS } from '../exit/exit-guards';
import { IDENTIFICATION_DEFINITIONS, IDENTIFICATION_GUARDS } from '../identification/identification-definitions';

/**
 * Every procedure the workflow runtime runs on a subject's `exit-<id>` stream: exits (退出, 出列), 精准识别 and 剔除.
 * One catalog, because a household's cases follow each other on one stream (identified, later exited) and a case's
 * read, deadlines and 责任回溯 name its procedure by id and pinned version.
 */
export const PROCEDURE_DEFINITIONS: readonly WorkflowDefinition[] = [...EXIT_DEFINITIONS, ...IDENTIFICATION_DEFINITIONS];

export const PROCEDURE_GUARDS: Readonly<Record<string, WorkflowGuard>> = { ...EXIT_GUARDS, ...IDENTIFICATION_GUARDS };

export function procedureCatalog(): DefinitionCatalog {
  return new DefinitionCatalog(PROCEDURE_DEFINITIONS, new Set(Object.keys(PROCEDURE_GUARDS)));
}

export function procedureDecider(catalog: DefinitionCatalog = procedureCatalog()) {
  return workflowDecider(catalog, PROCEDURE_GUARDS);
}
