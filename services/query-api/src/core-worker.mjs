// Runs one task of core off the service's event loop (see in-worker.ts).
// Plain JavaScript so that Node can start it as it is; it registers tsx's
// loader to import the TypeScript of packages/core.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { task, data } = workerData;
try {
  let result;
  if (task === 'analyze') {
    const { analyze } = await import('./core-analysis.ts');
    result = analyze(data.graph, data.inputs, data.options);
  } else if (task === 'buildPackage') {
    const { buildCourtPackage } = await import('@ringlink/core');
    const pkg = await buildCourtPackage(data.input, data.options);
    result = { bytes: new Uint8Array(pkg.bytes.buffer, pkg.bytes.byteOffset, pkg.bytes.byteLength), sha256: pkg.sha256, manifest: pkg.manifest };
  } else {
    throw new Error(`unknown task ${task}`);
  }
  parentPort.postMessage({ ok: true, result });
} catch (err) {
  parentPort.postMessage({
    ok: false,
    error: { name: err?.name ?? 'Error', code: err?.code, message: String(err?.message ?? err) },
  });
}
