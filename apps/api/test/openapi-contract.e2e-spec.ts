import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { isValidIdNumber, ROLES } from '@bangfu/domain';
import { startTestApp, type TestApp } from './test-app';

/** Path parameters as a reader of the document would fill them in. */
const PATH_EXAMPLES: Record<string, string> = {
  code: '222426',
  id: '2224261032010001',
  householdId: '2224261032010001',
  exitId: '2224261032010001-1',
  step: 'verification',
  visitId: '00000000-0000-4000-8000-000000000001',
};

/** A class as a value: DTOs, controllers. */
type Class = abstract new (...args: never[]) => unknown;

type OpenApi = {
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
  components: { schemas: Record<string, unknown> };
};

/**
 * The OpenAPI document is the contract a county's developers build from: a schema name must mean one thing,
 * and each route must document the body its validation actually takes.
 */
describe('the OpenAPI document says what the server accepts', () => {
  let t: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.request('GET', '/docs-json')).body as OpenApi;
  });
  afterAll(async () => t.close());

  type Schema = { properties?: Record<string, { $ref?: string; allOf?: { $ref?: string }[] }> };
  const refName = (ref?: string) => ref?.split('/').at(-1);

  /** Where the documented schema and the validated class disagree: their names and fields, then each nested class's. */
  function differences(validated: Class, documented: string | undefined, where: string): string[] {
    if (documented !== validated.name) return [`${where}: documents ${documented}, validates ${validated.name}`];
    const schema = doc.components.schemas[documented] as Schema | undefined;
    const documentedFields = Object.keys(schema?.properties ?? {}).sort();
    const validatedFields = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(validated, '', true, false)
          .map((m) => m.propertyName),
      ),
    ].sort();
    if (documentedFields.join() !== validatedFields.join()) {
      return [`${where}: ${documented} documents fields ${documentedFields}, validates ${validatedFields}`];
    }
    return Object.entries(schema?.properties ?? {}).flatMap(([field, property]) => {
      // A nested object's class, as TypeScript emitted it (an array's items are not emitted: their names are checked above).
      const nested = Reflect.getMetadata('design:type', validated.prototype, field) as Class | undefined;
      const ref = refName(property.$ref ?? property.allOf?.[0]?.$ref);
      const plain = [Object, Array, String, Number, Boolean];
      return nested && !plain.includes(nested as never) ? differences(nested, ref, `${where} .${field}`) : [];
    });
  }

  it('gives every validated class a schema name of its own (Swagger keeps only one class per name)', () => {
    // Every class class-validator knows, not only those the document happened to reach.
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Class | string, unknown> };
    const names = [...storage.validationMetadatas.keys()].filter((target) => typeof target === 'function').map((target) => target.name);
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('documents, for every route that takes a body, the class its validation pipe checks', () => {
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.values()].map((wrapper) => wrapper.metatype as Class),
    );
    const mismatches: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const [controllerName, handler] = operation.operationId.split('_');
        const controller = controllers.find((c) => c.name === controllerName);
        if (!controller) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, { index: number }>;
        const body = Object.entries(args).find(([key]) => key.startsWith(`${RouteParamtypes.BODY}:`));
        if (!body) continue;
        const validated = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) as Class[])[body[1].index];
        const documented = refName(operation.requestBody?.content['application/json']?.schema.$ref);
        checked++;
        mismatches.push(...differences(validated, documented, `${method.toUpperCase()} ${path}`));
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('gives examples the server itself accepts: every pattern matched, every 身份证号 with its GB 11643 check character', () => {
    const wrong: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const properties = (schema as { properties?: Record<string, { example?: unknown; pattern?: string }> }).properties ?? {};
      for (const [field, { example, pattern }] of Object.entries(properties)) {
        if (typeof example !== 'string') continue;
        if (pattern && !new RegExp(pattern).test(example)) wrong.push(`${name}.${field}: ${example} does not match ${pattern}`);
        if (/idNumber$/i.test(field) && !isValidIdNumber(example)) wrong.push(`${name}.${field}: ${example} fails GB 11643`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('accepts, on every route that takes a body, the body its documented examples make', async () => {
    // Every role over the whole country, so that the guard lets each request through to validation.
    const token = t.token([...ROLES], '000000', 'openapi-examples');
    const refused: string[] = [];
    let posted = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const ref = refName(operation.requestBody?.content['application/json']?.schema.$ref);
        if (!ref) continue;
        const body = withoutExclusivePartners(ref, exampleOf(doc.components.schemas[ref] as SchemaNode) as Record<string, unknown>);
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_EXAMPLES[name] ?? 'example-1');
        const answer = await t.request(method.toUpperCase(), url, { token, body });
        posted++;
        // Refused as malformed (400) or by validation (VALIDATION_FAILED); a domain rule about what the example
        // names (no such event, no such household) is the example read correctly.
        const code = (answer.body as { code?: string }).code;
        if (answer.status === 400 || code === 'VALIDATION_FAILED') {
          refused.push(
            `${method.toUpperCase()} ${path}: ${answer.status} ${JSON.stringify((answer.body as { errors?: unknown }).errors ?? answer.body)}`,
          );
        }
      }
    }
    expect(refused).toEqual([]);
    expect(posted).toBeGreaterThan(40);
  });

  /** Of two fields documented as either-or (`OneOf`), a reader sends the first: both would be refused. */
  function withoutExclusivePartners(schemaName: string, body: Record<string, unknown>): Record<string, unknown> {
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<Class | string, { propertyName: string; name?: string }[]>;
    };
    const target = [...storage.validationMetadatas.keys()].find((key) => typeof key === 'function' && key.name === schemaName) as Class;
    const exclusive = (target ? getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) : [])
      .filter((m) => m.name === 'oneOf')
      .map((m) => m.propertyName);
    return Object.fromEntries(Object.entries(body).filter(([field]) => !exclusive.slice(1).includes(field)));
  }

  type SchemaNode = {
    $ref?: string;
    allOf?: SchemaNode[];
    type?: string;
    format?: string;
    enum?: unknown[];
    example?: unknown;
    minimum?: number;
    items?: SchemaNode;
    required?: string[];
    properties?: Record<string, SchemaNode>;
  };

  /** The body a reader of the document would send: each field's example, or what its type, enum or format names. */
  function exampleOf(node: SchemaNode): unknown {
    const ref = node.$ref ?? node.allOf?.[0]?.$ref;
    if (ref) return exampleOf(doc.components.schemas[refName(ref) as string] as SchemaNode);
    if (node.example !== undefined) return node.example;
    if (node.enum) return node.enum[0];
    if (node.properties) return Object.fromEntries(Object.entries(node.properties).map(([field, child]) => [field, exampleOf(child)]));
    switch (node.type) {
      case 'array':
        return node.items ? [exampleOf(node.items)] : [];
      case 'integer':
      case 'number':
        return node.minimum ?? 1;
      case 'boolean':
        return true;
      default:
        return node.format === 'date-time' ? '2026-03-05T09:30:00+08:00' : node.format === 'date' ? '2026-01-01' : '示例';
    }
  }

  it('documents ?minPosition= on every GET route, since every one honours it', () => {
    const undocumented = Object.entries(doc.paths)
      .filter(([path, methods]) => path.startsWith('/api/v1/') && methods.get)
      .filter(
        ([, methods]) => !((methods.get as { parameters?: { name: string }[] }).parameters ?? []).some((p) => p.name === 'minPosition'),
      )
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });
});
