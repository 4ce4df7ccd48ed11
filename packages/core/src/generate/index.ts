/**
 * The synthetic-case generator: the four canonical CSVs of a realistic
 * visa-fraud case (rings, brokers, hubs, honest background, noise, bad
 * rows) and the ground truth of what was planted.
 */
export type { GenerateOptions } from './options.js';
export { GENERATE_DEFAULTS, BACKGROUND_PER_RING, resolveGenerateOptions } from './options.js';
export type { GroundTruth, TruthRing, TruthBroker, BrokerKind, ExpectedFile, ExpectedMerge } from './truth.js';
export type { WriteCaseResult } from './write-case.js';
export { writeCase, CASE_FILES, APPLICATION_COLUMNS, TRANSACTION_COLUMNS, CALL_COLUMNS, DOCUMENT_COLUMNS } from './write-case.js';
export { ibanCheckDigits, ibanChecksumValid } from './identifiers.js';
