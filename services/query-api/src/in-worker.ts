/**
 * CPU-heavy work of core off the service's event loop: on the service's
 * own thread every analyst's request (and every SSE heartbeat) would wait
 * for it. The input is copied to a worker thread (structured clone), the
 * answer copied back; a RinglinkError thrown in the worker keeps its code.
 *
 *   analyzeInWorker        core's analyze (seconds to minutes on large graphs)
 *   buildPackageInWorker   a court package: layout, chart, report, PDF, zip (seconds)
 */
import { Worker } from 'node:worker_threads';
import type { BuildOptions, CourtPackageInput, InputReport } from '@ringlink/core';
import { RinglinkError, type ResolvedGraph } from '@ringlink/model';
import type { AnalysisResult, AnalyzeOptions } from './core-analysis.js';

type WorkerReply<T> = { ok: true; result: T } | { ok: false; error: { name: string; code?: string; message: string } };

/** Runs the task `task` of core-worker.mjs on `data` in a new worker thread. */
function runInWorker<T>(task: 'analyze' | 'buildPackage', data: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./core-worker.mjs', import.meta.url), { workerData: { task, data } });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.once('message', (reply: WorkerReply<T>) =>
      settle(() => {
        if (reply.ok) resolve(reply.result);
        else if (reply.error.name === 'RinglinkError' && reply.error.code) reject(new RinglinkError(reply.error.code as never, reply.error.message));
        else reject(new RinglinkError('INTERNAL', `${what} failed: ${reply.error.message}`));
      }),
    );
    worker.once('error', (err) => settle(() => reject(new RinglinkError('INTERNAL', `${what} worker failed`, { cause: err }))));
    worker.once('exit', (code) => settle(() => reject(new RinglinkError('INTERNAL', `${what} worker exited with code ${code} before answering`))));
  });
}

export function analyzeInWorker(graph: ResolvedGraph, inputs: readonly InputReport[], options: AnalyzeOptions): Promise<AnalysisResult> {
  return runInWorker('analyze', { graph, inputs, options }, 'analysis');
}

export interface BuiltPackage {
  bytes: Uint8Array;
  sha256: string;
  manifest: { exportedAt: string; caseRef: string; run: { id: string } };
}

export function buildPackageInWorker(input: CourtPackageInput, options: BuildOptions): Promise<BuiltPackage> {
  return runInWorker('buildPackage', { input, options }, 'court package');
}
