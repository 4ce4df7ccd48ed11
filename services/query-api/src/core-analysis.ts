/**
 * The analysis of @ringlink/core. Its package index does not export
 * `analysis/` yet, so it is imported here, once, by path; when core adds
 * `export * from './analysis/index.js'` this file becomes
 * `export { analyze, type AnalysisResult, … } from '@ringlink/core'`.
 */
export { analyze, type AnalysisResult, type AnalyzeOptions, type PreviousAnalysis } from '@ringlink/core';
