/**
 * Debian's chromium for the browser tests (installed by .ci/run): where it
 * is, the flags it runs with headless in a container, and whether it is
 * there at all (without it the browser suites are skipped and say so).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function hasChromium(suite: string): boolean {
  const found = existsSync(CHROMIUM);
  if (!found) process.stderr.write(`${suite}: SKIPPED — ${CHROMIUM} is missing (apt-get install chromium); not tested in a browser\n`);
  return found;
}
