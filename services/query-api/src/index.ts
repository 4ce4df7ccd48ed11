/** @ringlink/query-api: the HTTP query service. */
export * from './config.js';
export * from './roles.js';
export * from './api-keys.js';
export * from './app.js';
export * from './server.js';
export * from './version.js';
export * from './audit/audit-log.js';
export * from './http/problems.js';
export * from './http/logging.js';
export * from './openapi/document.js';
export type { QueryStore } from './store/query-store.js';
export { Neo4jQueries } from './store/neo4j-queries.js';
export * from './sample-case.js';
export * from './alerts/index.js';
