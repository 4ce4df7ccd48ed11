// Runs one analysis off the service's event loop (see analysis-in-worker.ts).
// Plain JavaScript so that Node can start it as it is; it registers tsx's
// loader to import the TypeScript analysis of packages/core.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { analyze } = await import('./core-analysis.ts');
try {
  const result = analyze(workerData.graph, workerData.inputs, workerData.options);
  parentPort.postMessage({ ok: true, result });
} catch (err) {
  parentPort.postMessage({
    ok: false,
    error: { name: err?.name ?? 'Error', code: err?.code, message: String(err?.message ?? err) },
  });
}
