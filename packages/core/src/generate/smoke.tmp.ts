import { writeCase } from './index.js';
const t0 = performance.now();
const r = await writeCase(process.argv[2]!, JSON.parse(process.argv[3] ?? '{}'));
console.log(JSON.stringify(r.counts), JSON.stringify(r.truth.expected.files), ((performance.now() - t0) / 1000).toFixed(2) + 's');
