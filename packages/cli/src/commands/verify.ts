/**
 * `ringlink verify <package.zip>`: recomputes every digest of a court
 * package and prints each file's status; exits 1 when anything differs
 * (a modified, missing, unexpected or corrupt file, or an altered container).
 * With --sha256, the package digest must also equal the one logged at export.
 */
import type { Command } from 'commander';
import { verifyCourtPackage, type VerifyResult } from '@ringlink/core';

const short = (h: string | null): string => (h ? `${h.slice(0, 16)}…` : '—');

export function formatVerifyResult(file: string, r: VerifyResult): string {
  const lines: string[] = [`package ${file}`, `sha256  ${r.sha256}`];
  if (r.manifest) {
    const scope = r.manifest.scope?.type === 'ring' ? `ring ${r.manifest.scope.ring}` : 'chosen entities';
    lines.push(`case    ${r.manifest.caseRef} · ${scope} · exported ${r.manifest.exportedAt} · run ${r.manifest.runId}`);
  }
  lines.push('');
  const width = Math.max(...r.files.map((f) => f.name.length), 8);
  for (const f of r.files) {
    const status = f.status === 'ok' ? 'ok' : f.status.toUpperCase();
    let line = `  ${status.padEnd(10)} ${f.name.padEnd(width)}`;
    if (f.status === 'modified') line += `  expected ${short(f.expected)} found ${short(f.actual)}`;
    else if (f.detail && f.status !== 'ok') line += `  ${f.detail}`;
    lines.push(line.trimEnd());
  }
  if (r.problems.length > 0) {
    lines.push('', 'problems:');
    for (const p of r.problems) lines.push(`  - ${p}`);
  }
  const bad = r.files.filter((f) => f.status !== 'ok').length;
  lines.push('', r.ok
    ? `OK: all ${r.files.length} files match their SHA-256 digests and the container is intact`
    : `FAILED: ${bad} of ${r.files.length} files differ${r.problems.length ? `, ${r.problems.length} problem(s)` : ''}`);
  return `${lines.join('\n')}\n`;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Verify a court package: recompute every digest and report any file that differs (exit code 1)')
    .argument('<package.zip>', 'the package to verify')
    .option('--sha256 <hex>', 'the package digest recorded at export (audit log); any other digest fails')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean; sha256?: string }) => {
      const result = await verifyCourtPackage(file, opts.sha256 ? { expectedSha256: opts.sha256 } : {});
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyResult(file, result));
      if (!result.ok) process.exitCode = 1;
    });
}
