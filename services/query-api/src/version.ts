/** The service's version: ringlink's (the root package.json), as the CLI reports it. */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export const SERVICE_VERSION: string = pkg.version;
