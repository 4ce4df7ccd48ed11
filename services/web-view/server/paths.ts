/** Where the web view's sources and build live. */
import { fileURLToPath } from 'node:url';

/** services/web-view/ */
export const WEB_VIEW_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The browser code: services/web-view/src/ */
export const WEB_VIEW_SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** The build the query service serves: services/web-view/dist/ */
export const WEB_VIEW_DIST = fileURLToPath(new URL('../dist/', import.meta.url));
