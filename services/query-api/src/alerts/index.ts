/** Alerting in the query service. */
export * from './signature.js';
export * from './alert-stream.js';
export * from './webhook-worker.js';
export * from './alert-runtime.js';
export * from './schemas.js';
export * from './routes.js';
export * from './sse-client.js';
