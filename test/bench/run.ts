/**
 * `pnpm bench [section…]`: runs every benchmark section in sections/ (or
 * the named ones) and prints their tables. Benchmarks never run as tests;
 * they report ratios against baselines measured in the same run, because
 * machines here are noisy.
 */
import { readdir } from 'node:fs/promises';
import os from 'node:os';

interface BenchSection {
  name: string;
  run: (args: string[]) => Promise<void>;
}

const dir = new URL('./sections/', import.meta.url);
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
const sections: BenchSection[] = [];
for (const f of files) sections.push(((await import(new URL(f, dir).href)) as { default: BenchSection }).default);

const selected = wanted.length === 0 ? sections : sections.filter((s) => wanted.includes(s.name));
if (selected.length === 0) {
  process.stderr.write(`bench: no section named ${wanted.join(', ')} (known: ${sections.map((s) => s.name).join(', ')})\n`);
  process.exit(2);
}
process.stdout.write(`ringlink benchmarks — node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB\n`);
for (const section of selected) {
  process.stdout.write(`\n## ${section.name}\n\n`);
  await section.run(process.argv.slice(2));
}
