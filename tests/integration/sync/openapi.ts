import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

// docs/platform-api.yaml as a validator: which operation a request hits, and whether its request and
// response match the schemas of that operation (JSON Schema 2020-12, as OpenAPI 3.1 uses).

type Schema = Record<string, unknown>;
type Operation = {
  operationId: string;
  parameters?: (Schema & { $ref?: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, Schema>> };

const SPEC = fileURLToPath(new URL('../../../docs/platform-api.yaml', import.meta.url));
const BASE = 'https://kiosk.invalid/platform-api.json';

export type Problem = string;

export class OpenApi {
  readonly doc: Doc;
  private readonly ajv: Ajv2020;
  private readonly routes: { method: string; template: string; regex: RegExp; op: Operation }[] = [];
  private readonly cache = new Map<string, ValidateFunction>();
  readonly seen = new Set<string>();

  constructor() {
    this.doc = yaml.load(readFileSync(SPEC, 'utf8')) as Doc;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    this.ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    this.ajv.addSchema({ ...this.doc, $id: BASE });
    for (const [template, methods] of Object.entries(this.doc.paths)) {
      const regex = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(methods)) this.routes.push({ method: method.toUpperCase(), template, regex, op: { ...op, parameters: op.parameters ?? [] } });
    }
    // Literal paths before templated ones (timestamp.json before {role}/{version}.json).
    this.routes.sort((a, b) => (a.template.match(/\{/g) ?? []).length - (b.template.match(/\{/g) ?? []).length);
  }

  match(method: string, path: string) {
    return this.routes.find((r) => r.method === method && r.regex.test(path));
  }

  /** Problems with a request (what the client sent). */
  checkRequest(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer | null): Problem[] {
    const route = this.match(method, path);
    if (!route) return [`${method} ${path}: no such operation in the API`];
    const problems: Problem[] = [];
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const p of route.op.parameters ?? []) {
      const param = (p.$ref ? this.resolve(p.$ref) : p) as { name: string; in: string; required?: boolean; schema: Schema };
      if (param.in !== 'header') continue;
      const value = lower[param.name.toLowerCase()];
      if (param.required && value === undefined) problems.push(`${route.op.operationId}: header ${param.name} missing`);
      if (typeof value === 'string') problems.push(...this.validate(param.schema, value, `${route.op.operationId} header ${param.name}`));
    }
    const security = route.op.security ?? [{ kioskToken: [] }];
    if (security.length > 0 && !/^Bearer .+/.test(String(lower.authorization ?? ''))) problems.push(`${route.op.operationId}: no bearer token`);
    const schema = route.op.requestBody?.content['application/json']?.schema;
    if (route.op.requestBody?.required && !body) problems.push(`${route.op.operationId}: body missing`);
    if (schema && body) problems.push(...this.validate(schema, JSON.parse(body.toString('utf8')), `${route.op.operationId} request`));
    this.seen.add(`${route.op.operationId} request`);
    return problems;
  }

  /** Problems with a response (what the platform answered). */
  checkResponse(method: string, path: string, status: number, headers: Record<string, string>, body: Buffer): Problem[] {
    const route = this.match(method, path);
    if (!route) return [`${method} ${path}: no such operation in the API`];
    const declared = route.op.responses[String(status)];
    if (!declared) return [`${route.op.operationId}: status ${status} is not documented`];
    const response = (declared.$ref ? this.resolve(declared.$ref) : declared) as { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> };
    this.seen.add(`${route.op.operationId} ${status}`);
    if (!response.content) return body.byteLength === 0 ? [] : [`${route.op.operationId} ${status}: body where none is documented`];
    const type = (Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '').split(';')[0] ?? '';
    const media = response.content[type];
    if (!media) return [`${route.op.operationId} ${status}: content type ${type} not documented`];
    if (type !== 'application/json') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return [`${route.op.operationId} ${status}: body is not JSON`];
    }
    const problems = this.validate(media.schema, parsed, `${route.op.operationId} ${status}`);
    if (response.headers && 'Retry-After' in response.headers && !Object.keys(headers).some((k) => k.toLowerCase() === 'retry-after')) {
      problems.push(`${route.op.operationId} ${status}: Retry-After missing`);
    }
    return problems;
  }

  /** Validates `value` against a component schema by name. */
  checkSchema(name: string, value: unknown): Problem[] {
    return this.validate({ $ref: `#/components/schemas/${name}` }, value, name);
  }

  private validate(schema: Schema, value: unknown, where: string): Problem[] {
    const key = JSON.stringify(schema);
    let fn = this.cache.get(key);
    if (!fn) {
      // Compile in the document's scope so that "#/components/..." references resolve.
      const ref = typeof schema.$ref === 'string' && schema.$ref.startsWith('#') ? `${BASE}${schema.$ref}` : undefined;
      fn = ref ? (this.ajv.getSchema(ref) as ValidateFunction) : this.ajv.compile(this.rebase(schema));
      this.cache.set(key, fn);
    }
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${where}: ${e.instancePath || '/'} ${e.message ?? ''}`);
  }

  /** Inline schemas may hold "#/components/..." refs: point them at the document. */
  private rebase(schema: unknown): Schema {
    return JSON.parse(JSON.stringify(schema), (k, v: unknown) => (k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${BASE}${v}` : v)) as Schema;
  }

  private resolve(ref: string): unknown {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], this.doc);
  }
}
