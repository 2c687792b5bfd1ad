import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What every GET route honours through global interceptors, written into the document where no query DTO
 * says it: `?minPosition=` (read-your-writes, ReadYourWritesInterceptor). Routes without a query DTO
 * (a division by code, the ledger's checkpoints) otherwise take it undocumented.
 */
export function documentGlobalQueryBehaviour(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const get = item.get;
    if (!get || !path.startsWith('/api/v1/')) continue;
    const parameters = (get.parameters ??= []);
    if (parameters.some((parameter) => 'name' in parameter && parameter.name === 'minPosition')) continue;
    parameters.push({
      name: 'minPosition',
      in: 'query',
      required: false,
      description: 'wait (bounded) until the views have applied the log up to this position',
      schema: { type: 'integer', minimum: 0 },
    });
  }
}
