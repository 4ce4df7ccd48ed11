/**
 * Child process of the crash-and-resume test: ingests a folder and writes
 * it to the store in small batches, printing `batch <phase> <n>` after each
 * committed transaction, so the parent can SIGKILL it mid-write.
 *
 *   tsx ingest-child.ts <neo4j uri> <folder> <batch size>
 */
import { ingest } from '../../../core/src/index.js';
import { IngestTrace } from '../write/ingest-trace.js';
import { openStore } from '../store.js';

const [uri, dir, batch] = process.argv.slice(2);
if (!uri || !dir || !batch) {
  process.stderr.write('usage: ingest-child.ts <uri> <folder> <batch size>\n');
  process.exit(2);
}
const trace = new IngestTrace();
const { report, graph } = await ingest([dir], { onRecord: trace.onRecord });
const store = await openStore({ uri, batchSize: Number(batch) });
process.stdout.write('ingested\n');
await store.writeGraph(graph, {
  trace,
  sourceFiles: report.inputs,
  ingestedAt: '2026-01-01T00:00:00.000Z',
  onBatch: (p) => {
    process.stdout.write(`batch ${p.phase} ${p.batch}\n`);
  },
});
await store.close();
process.stdout.write('done\n');
