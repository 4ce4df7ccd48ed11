/**
 * The reads the store offers the query service (services/query-api),
 * in one place: reads with a Neo4j transaction timeout, ring,
 * broker, run and paged evidence reads.
 */
export * from '../api-session.js';
export * from '../api-runs.js';
export * from './api-rings.js';
export * from './api-brokers.js';
export * from './api-evidence.js';
