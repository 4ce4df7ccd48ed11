/** The analysis of @ringlink/core the service runs (in a worker: in-worker.ts) and serves. */
export { analyze, type AnalysisResult, type AnalyzeOptions, type PreviousAnalysis } from '@ringlink/core';
