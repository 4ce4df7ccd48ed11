export * from './errors.js';
export * from './entity-kinds.js';
export * from './link-kinds.js';
export * from './types.js';
export * from './ids.js';
export * from './schemas.js';
export * from './normalize/index.js';
