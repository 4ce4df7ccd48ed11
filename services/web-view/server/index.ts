/**
 * @ringlink/web-view, the Node side: build the analyst's web view (esbuild)
 * and serve it (a plain request handler the query service mounts at `/`).
 * The browser code is in ../src and never runs in Node.
 */
export { webViewHandler, type WebViewHandlerOptions, type NodeHandler } from './serve.js';
export { buildWebView, ensureWebViewBuilt, webViewBuildState, webViewInputsDigest, readBuildInfo, type BuildInfo, type BuildOptions, type BuildState } from './build.js';
export { WEB_VIEW_CSP } from './csp.js';
export { WEB_VIEW_DIST, WEB_VIEW_ROOT, WEB_VIEW_SRC } from './paths.js';
