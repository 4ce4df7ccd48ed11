import { stringify } from 'csv-stringify/sync';
const rows = Array.from({ length: 1000 }, (_, i) => Array.from({ length: 20 }, (_, j) => j % 3 ? `value${i}x${j}` : `value ${i}, ${j} "some" text`));
let x = 0;
for (const opts of [{}, { quoted_match: undefined }, { cast: { string: (v: string) => v } }, { escape_formulas: false, quote: '"' }]) {
  const t = performance.now();
  for (let k = 0; k < 50; k++) x += stringify(rows, opts as never).length;
  console.log(JSON.stringify(opts), 'per 200k rows', ((performance.now() - t) * 4).toFixed(0));
}
const enc = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
let t = performance.now();
for (let k = 0; k < 50; k++) { let s = ''; for (const r of rows) s += r.map(enc).join(',') + '\n'; x += s.length; }
console.log('hand per 200k', ((performance.now() - t) * 4).toFixed(0));
let same = true; { let s = ''; for (const r of rows) s += r.map(enc).join(',') + '\n'; same = s === stringify(rows); }
console.log('same', same);
