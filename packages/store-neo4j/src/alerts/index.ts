/** Alerting in the store: persistence, event log, watch list, webhooks and their outbox, and the rules' context. */
export * from './schema.js';
export * from './types.js';
export * from './alert-records.js';
export * from './context.js';
export * from './watchlist.js';
export * from './webhooks.js';
export * from './alert-store.js';
