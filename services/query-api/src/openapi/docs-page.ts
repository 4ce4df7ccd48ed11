/**
 * The docs page: a small self-contained HTML rendering of the OpenAPI
 * document, built on the server (no script, no CDN, no external request).
 * Its one inline style is allowed by hash in its own Content-Security-Policy.
 */
import { createHash } from 'node:crypto';
import { PROBLEMS, problemType, type ProblemCode } from '../http/problems.js';

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `code` spans for backticks, the rest escaped. */
const md = (s: unknown): string => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\n\n/g, '<br><br>');

const STYLE = [
  'body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}',
  'h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}h3{margin:1.6rem 0 .3rem;font-size:1.05rem}',
  'code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}',
  '.m{display:inline-block;min-width:3.5rem;font-weight:700;font-family:monospace}.get{color:#05610a}.post{color:#8a4b00}',
  'table{border-collapse:collapse;margin:.4rem 0;width:100%}td,th{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top;font-size:.92rem}',
  '.role{font-size:.85rem;color:#555}',
].join('');

export const DOCS_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
export const DOCS_CSP = `default-src 'none'; style-src ${DOCS_STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}

function schemaText(s: Record<string, unknown> | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((v) => `<code>${esc(v)}</code>`).join(', ')}`);
  else if (s.type) parts.push(esc(Array.isArray(s.type) ? s.type.join(' | ') : s.type));
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(`${esc(s.minimum ?? '…')}–${esc(s.maximum ?? '…')}`);
  if (s.default !== undefined) parts.push(`default <code>${esc(s.default)}</code>`);
  return parts.join(', ');
}

export function renderDocsPage(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
  const byTag = new Map<string, string[]>();
  for (const [p, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters as Param[] | undefined) ?? [];
      const body = op.requestBody as { description?: string; content?: Record<string, unknown> } | undefined;
      const responses = op.responses as Record<string, { description?: string }>;
      const role = String(op['x-required-role'] ?? 'analyst');
      const html = [
        `<h3 id="${esc(op.operationId)}"><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(p)}</code></h3>`,
        `<div>${md(op.summary)} <span class="role">— role: ${role === 'none' ? 'no key needed' : esc(role)}</span></div>`,
        op.description ? `<p>${md(op.description)}</p>` : '',
        params.length > 0
          ? `<table><tr><th>parameter</th><th>in</th><th>accepts</th><th>description</th></tr>${params
              .map((x) => `<tr><td><code>${esc(x.name)}</code>${x.required ? ' (required)' : ''}</td><td>${esc(x.in)}</td><td>${schemaText(x.schema)}</td><td>${md(x.description ?? (x.schema?.description as string | undefined) ?? '')}</td></tr>`)
              .join('')}</table>`
          : '',
        body ? `<p>Body: ${Object.keys(body.content ?? {}).map((t) => `<code>${esc(t)}</code>`).join(' or ')}${body.description ? ` — ${md(body.description)}` : ''}</p>` : '',
        `<table><tr><th>status</th><th>meaning</th></tr>${Object.entries(responses)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([s, r]) => `<tr><td>${esc(s)}</td><td>${md(r.description)}</td></tr>`)
          .join('')}</table>`,
      ].join('\n');
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0]!;
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(html);
    }
  }
  const problems = (Object.keys(PROBLEMS) as ProblemCode[])
    .map((c) => `<tr><td id="problem-${esc(c.toLowerCase())}"><code>${esc(problemType(c))}</code></td><td>${PROBLEMS[c].status}</td><td>${esc(PROBLEMS[c].title)}</td></tr>`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>`,
    `<p>Machine-readable: <code>GET /api/v1/openapi.json</code> (OpenAPI 3.1, generated from the same schemas that validate requests).</p>`,
    `<p>${md(info.description?.split('\n\nProblem types')[0] ?? '')}</p>`,
    `<nav><ul>${[...byTag.keys()].map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join('')}<li><a href="#problems">problems</a></li></ul></nav>`,
    ...[...byTag].map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>\n${ops.join('\n')}`),
    '<h2 id="problems">Problems (application/problem+json)</h2>',
    '<p>Every error is <code>{ type, title, status, detail, instance, requestId, errors?: [{ path, message }] }</code>.</p>',
    `<table><tr><th>type</th><th>status</th><th>title</th></tr>${problems}</table>`,
    '</body></html>',
  ].join('\n');
}
