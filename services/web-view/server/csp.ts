/**
 * The web view's Content-Security-Policy: scripts, styles and data from
 * this origin only; the ForceAtlas2 worker, which the layout supervisor
 * starts from a blob: URL, allowed as a worker and nothing else; no inline
 * script or style, no frames, no forms posting elsewhere, no plugins.
 * WebGL needs no CSP permission.
 */
export const WEB_VIEW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  'worker-src blob:',
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
