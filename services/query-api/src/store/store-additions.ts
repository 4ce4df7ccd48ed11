/**
 * The reads the store gained for this service (packages/store-neo4j/src/
 * read/api-*.ts, src/api-*.ts). Imported by path, once, here: adding
 * `export * from './read/api-exports.js';` to the store's index turns this
 * into a re-export of '@ringlink/store-neo4j'.
 */
export * from '../../../../packages/store-neo4j/src/read/api-exports.js';
