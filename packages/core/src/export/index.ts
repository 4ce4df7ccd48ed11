/**
 * Court export: one ring (or chosen entities) → one deterministic,
 * verifiable zip. See README-export.md.
 */
export * from './package-input.js';
export * from './package-from-result.js';
export * from './ring-subgraph.js';
export * from './build-package.js';
export * from './verify-package.js';
export type { Manifest, ManifestFile } from './manifest.js';
export { MANIFEST_NAME, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, parseManifest } from './manifest.js';
export type { RedactionSummary } from './redaction.js';
export { REDACTION_RULE } from './redaction.js';
