/**
 * `ringlink demo`, the main job end to end on the embedded defaults. It
 * runs the real commands in order, so what the demo shows is exactly what
 * an operator gets: generate a synthetic case → ingest it into Neo4j (the
 * embedded server unless NEO4J_URI is set) → analyze from the store and
 * write rings and brokers back → export the first ring as a court package
 * and verify it → serve the query API with the case loaded.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { RinglinkError } from '@ringlink/model';
import { connectStore } from '../store-connection.js';

export const DEMO_DIR = path.resolve('.data/demo');

interface DemoOptions {
  out: string;
  seed: number;
  serve: boolean;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('The main job end to end: generate a sample case, ingest it into Neo4j, analyze rings and brokers, serve the query API')
    .option('--out <dir>', 'where the generated case is written', path.join(DEMO_DIR, 'case'))
    .option('--seed <n>', 'random seed for the generated case and the analysis', (v: string) => Number(v), 7)
    .option('--no-serve', 'stop after the analysis instead of serving the query API')
    .action(async (opts: DemoOptions) => {
      const run = async (title: string, args: string[]): Promise<void> => {
        process.stdout.write(`\n== ${title}\n$ ringlink ${args.join(' ')}\n\n`);
        await program.parseAsync(args, { from: 'user' });
      };
      const seed = String(opts.seed);
      await run('Generate a synthetic case', ['generate', '--out', opts.out, '--seed', seed, '--rings', '6']);
      await run('Ingest it into Neo4j', ['ingest', opts.out]);
      await run('Find the rings and the brokers', ['analyze', '--from-store', '--seed', seed]);
      const ring = await firstStoredRing();
      const pkg = path.join(path.dirname(opts.out), `${ring}.zip`);
      await run('Export a ring as a court package', ['export', '--ring', ring, '--out', pkg, '--case-ref', 'DEMO']);
      await run('Check the package as a court would', ['verify', pkg]);
      if (opts.serve) await run('Serve the query API', ['serve', '--no-sample']);
    });
}

/** The first ring (by id) of the latest stored run. */
async function firstStoredRing(): Promise<string> {
  const { store, close } = await connectStore();
  try {
    const ring = (await store.previousAnalysis())?.rings[0]?.id;
    if (ring === undefined) throw new RinglinkError('NOT_FOUND', 'demo: the analysis found no ring to export');
    return ring;
  } finally {
    await close();
  }
}
