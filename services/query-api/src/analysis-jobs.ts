/**
 * Analysis runs triggered through the API: one at a time, in the
 * background. A job loads the stored graph, its input files and the
 * previous run (for ring tracking), runs core's `analyze` in a worker
 * thread (in-worker.ts), and writes the result back; its id (`job-<uuid>`) answers until the run id is known.
 * The last 50 jobs are remembered in memory (runs themselves are in Neo4j).
 *
 * Ingests and analysis writes share one lock, so a run never reads a
 * half-written batch.
 */
import { randomUUID } from 'node:crypto';
import { RinglinkError } from '@ringlink/model';
import { analyzeInWorker } from './in-worker.js';
import type { Logger } from './http/logging.js';
import { loggableError } from './http/logging.js';
import type { AnalysisRequest, JobDto } from './schemas/analysis.js';
import type { QueryStore } from './store/query-store.js';

/** Runs tasks one after another. */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const KEEP = 50;

export class AnalysisJobs {
  private readonly jobs = new Map<string, JobDto>();
  private active: Promise<void> | undefined;

  constructor(
    private readonly queries: QueryStore,
    private readonly lock: SerialLock,
    private readonly logger: Logger,
  ) {}

  /** Starts a run; CONFLICT when one is already queued or running. */
  start(options: AnalysisRequest, requestedBy: string): JobDto {
    const busy = [...this.jobs.values()].find((j) => j.status === 'queued' || j.status === 'running');
    if (busy) throw new RinglinkError('CONFLICT', `analysis ${busy.id} is still ${busy.status}; wait for it (GET /api/v1/analysis/runs/${busy.id})`);
    const job: JobDto = {
      id: `job-${randomUUID()}`,
      status: 'queued',
      requestedBy,
      requestedAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      options: { ...options },
      runId: null,
      summary: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > KEEP) this.jobs.delete(this.jobs.keys().next().value!);
    this.active = this.lock.run(() => this.execute(job)).finally(() => {
      this.active = undefined;
    });
    return { ...job };
  }

  private async execute(job: JobDto): Promise<void> {
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    try {
      const { graph, inputs, previous } = await this.queries.analysisInput();
      const result = await analyzeInWorker(graph, inputs, {
        ...(job.options as AnalysisRequest),
        ...(previous ? { previous } : {}),
      });
      const written = await this.queries.writeAnalysis(result);
      job.runId = result.run.id;
      job.summary = { rings: result.rings.length, brokers: result.brokers.length, hubs: result.run.hubs.length, entities: graph.entities.length, links: graph.links.length, ...written };
      job.status = 'succeeded';
    } catch (err) {
      job.status = 'failed';
      job.error = err instanceof RinglinkError && err.code !== 'STORE_ERROR' && err.code !== 'INTERNAL' ? err.message : 'the analysis failed; see the service log';
      this.logger.error({ job: job.id, err: loggableError(err) }, 'analysis job failed');
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  get(id: string): JobDto | undefined {
    const j = this.jobs.get(id);
    return j ? { ...j } : undefined;
  }

  /** Newest first. */
  list(): JobDto[] {
    return [...this.jobs.values()].reverse().map((j) => ({ ...j }));
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.active;
  }
}
