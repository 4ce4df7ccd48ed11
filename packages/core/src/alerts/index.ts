export * from './types.js';
export * from './defaults.js';
export * from './severity.js';
export * from './watch-keys.js';
export * from './evaluate.js';
export * from './alert-service.js';
export * from './screening.js';
export * from './fake-context.js';
