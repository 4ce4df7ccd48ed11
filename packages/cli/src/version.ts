import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The ringlink version recorded in reports, analysis runs and court packages. */
export const SOFTWARE_VERSION: string = pkg.version;
