/** GET /health: liveness (the process answers) and readiness (Neo4j answers). No key needed. */
import { defineOperation, type Operation } from '../http/operation.js';
import { HealthSchema, type HealthDto } from '../schemas/analysis.js';
import type { RouteDeps } from './deps.js';

export function healthOperations(deps: RouteDeps): Operation[] {
  return [
    defineOperation({
      operationId: 'getHealth',
      method: 'get',
      path: '/health',
      tag: 'service',
      summary: 'Liveness and readiness',
      description:
        'Always answers while the process runs (`live: true`). `ready` and the status code say whether Neo4j answers: 200 when ready, 503 when not. Needs no key; not audited.',
      role: null,
      audit: false,
      responses: {
        200: { description: 'Live and ready.', schema: HealthSchema },
        503: { description: 'Live, but Neo4j does not answer.', schema: HealthSchema, contentType: 'application/json' },
      },
      handler: async () => {
        const neo4j = await deps.readiness.check();
        const body: HealthDto = {
          status: neo4j.up ? 'ok' : 'unavailable',
          live: true,
          ready: neo4j.up,
          checks: { neo4j: { status: neo4j.up ? 'up' : 'down', latencyMs: neo4j.latencyMs } },
          version: deps.version,
        };
        return { status: neo4j.up ? 200 : 503, body, ...(neo4j.up ? {} : { headers: { 'Retry-After': '5' } }) };
      },
    }),
  ];
}
