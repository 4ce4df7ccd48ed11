/** What the route factories are given. */
import type { MappingSpec } from '@ringlink/core';
import type { AnalysisJobs, SerialLock } from '../analysis-jobs.js';
import type { AlertRuntime } from '../alerts/alert-runtime.js';
import type { ServiceConfig } from '../config.js';
import type { Logger } from '../http/logging.js';
import type { ReadinessProbe } from '../readiness.js';
import type { QueryStore } from '../store/query-store.js';

export interface RouteDeps {
  config: Readonly<ServiceConfig>;
  queries: QueryStore;
  logger: Logger;
  jobs: AnalysisJobs;
  writeLock: SerialLock;
  specs: readonly MappingSpec[];
  readiness: ReadinessProbe;
  version: string;
  /** Alerting; undefined when the app has no Neo4j store (unit tests with fake queries). */
  alerts?: AlertRuntime;
}
