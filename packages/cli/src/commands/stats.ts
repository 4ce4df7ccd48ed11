import type { Command } from 'commander';
import type { StoreStats } from '@ringlink/store-neo4j';
import { connectStore } from '../store-connection.js';

function formatStats(stats: StoreStats): string {
  const section = (title: string, counts: Record<string, number>, total: number): string[] => {
    const rows = Object.entries(counts);
    const width = Math.max(title.length, ...rows.map(([k]) => k.length));
    const numWidth = Math.max(...rows.map(([, v]) => String(v).length), String(total).length);
    return [
      title,
      ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(numWidth)}`),
      `  ${'total'.padEnd(width)}  ${String(total).padStart(numWidth)}`,
    ];
  };
  return `${[
    ...section('Nodes by label (a node has several labels)', stats.nodes, stats.totalNodes),
    '',
    ...section('Relationships by type', stats.relationships, stats.totalRelationships),
  ].join('\n')}\n`;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Counts of nodes by label and relationships by type in the Neo4j store')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }) => {
      const { store, close } = await connectStore();
      try {
        const stats = await store.stats();
        process.stdout.write(opts.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
      } finally {
        await close();
      }
    });
}
