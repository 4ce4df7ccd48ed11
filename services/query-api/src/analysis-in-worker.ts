/**
 * core's `analyze` in a worker thread: Louvain and betweenness take seconds
 * to minutes on large graphs, and on the service's own thread every
 * analyst's request would wait for them. The graph is copied to the worker
 * (structured clone) and the result copied back.
 */
import { Worker } from 'node:worker_threads';
import type { InputReport } from '@ringlink/core';
import { RinglinkError, type ResolvedGraph } from '@ringlink/model';
import type { AnalysisResult, AnalyzeOptions } from './core-analysis.js';

type WorkerReply = { ok: true; result: AnalysisResult } | { ok: false; error: { name: string; code?: string; message: string } };

export function analyzeInWorker(graph: ResolvedGraph, inputs: readonly InputReport[], options: AnalyzeOptions): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./analysis-worker.mjs', import.meta.url), { workerData: { graph, inputs, options } });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.once('message', (reply: WorkerReply) =>
      settle(() => {
        if (reply.ok) resolve(reply.result);
        else if (reply.error.name === 'RinglinkError' && reply.error.code) reject(new RinglinkError(reply.error.code as never, reply.error.message));
        else reject(new RinglinkError('INTERNAL', `analysis failed: ${reply.error.message}`));
      }),
    );
    worker.once('error', (err) => settle(() => reject(new RinglinkError('INTERNAL', 'analysis worker failed', { cause: err }))));
    worker.once('exit', (code) => settle(() => reject(new RinglinkError('INTERNAL', `analysis worker exited with code ${code} before answering`))));
  });
}
