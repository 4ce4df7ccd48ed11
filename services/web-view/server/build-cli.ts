/** `pnpm --filter @ringlink/web-view build`: builds dist/ now (e.g. for a production image). */
import { buildWebView } from './build.js';

const info = await buildWebView();
process.stdout.write(`web-view: built ${info.files.length} files into dist/ in ${info.ms} ms (esbuild ${info.esbuild})\n`);
