/**
 * The OpenAPI 3.1 document, generated (zod-to-openapi) from the operation
 * declarations: the very zod schemas that validate the requests, plus
 * the response schemas. Built once per app.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Operation } from '../http/operation.js';
import { PROBLEMS, problemType, type ProblemCode } from '../http/problems.js';
import { ProblemSchema } from '../schemas/common.js';

export const API_TITLE = 'ringlink query API';

/** Problems any operation may answer, by who can cause them. */
function commonProblems(op: Operation): number[] {
  const codes = [400, 500, 503, 504];
  if (op.role !== null) codes.push(401, 403, 429);
  if (op.rawBody || op.body) codes.push(413, 415);
  return codes;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: a parameter or field is wrong (see `errors`).',
  401: 'No API key, or not a valid one.',
  403: 'The key\'s role does not allow this operation.',
  404: 'Nothing with that id.',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than this endpoint accepts.',
  415: 'The body is not of an accepted media type.',
  422: 'The records could not be recognised.',
  429: 'Too many requests for this key.',
  500: 'The service or the store failed.',
  503: 'The store is unavailable.',
  504: 'The query did not finish within the deadline.',
};

export function buildOpenApiDocument(operations: readonly Operation[], version: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from RINGLINK_API_KEYS, as `Authorization: Bearer <key>`. Roles: analyst (read), exporter (read + court packages), ingest (read + ingest), admin (everything).',
  });
  const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

  for (const op of operations) {
    const responses: RouteConfig['responses'] = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const isProblem = Number(status) >= 400;
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { [r.contentType ?? (isProblem ? 'application/problem+json' : 'application/json')]: { schema: r.schema } } }
          : isProblem
            ? { content: problemContent }
            : {}),
      };
    }
    for (const status of commonProblems(op)) {
      responses[String(status)] ??= { description: STATUS_TEXT[status] ?? 'Problem', content: problemContent };
    }
    const request: NonNullable<RouteConfig['request']> = {};
    if (op.params) request.params = op.params as never;
    if (op.query) request.query = op.query as never;
    if (op.body) request.body = { required: false, content: { 'application/json': { schema: op.body } } };
    if (op.rawBody) {
      request.body = {
        required: true,
        description: op.rawBody.description,
        content: Object.fromEntries(op.rawBody.contentTypes.map((t) => [t, { schema: z.string() }])),
      };
    }
    registry.registerPath({
      method: op.method,
      path: `/api/v1${op.path}`,
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security: op.role === null ? [] : [{ bearerKey: [] }],
      'x-required-role': op.role ?? 'none',
      request,
      responses,
    } as RouteConfig);
  }

  const generator = new OpenApiGeneratorV31(registry.definitions);
  const doc = generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: API_TITLE,
      version,
      description: [
        'What analysts ask of the ringlink graph: search by any identifier in any spelling, entities, neighbourhoods, shortest paths with evidence, rings, brokers, ingest and analysis runs.',
        '',
        'Every request except `GET /api/v1/health` needs `Authorization: Bearer <key>`. Errors are RFC 9457 problem documents (`application/problem+json`).',
        '',
        `Problem types: ${(Object.keys(PROBLEMS) as ProblemCode[]).map((c) => `\`${problemType(c)}\` (${PROBLEMS[c].status})`).join(', ')}.`,
      ].join('\n'),
    },
    servers: [{ url: '/', description: 'this server' }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
  });
  return doc as unknown as Record<string, unknown>;
}
