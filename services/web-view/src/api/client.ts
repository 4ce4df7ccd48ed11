/**
 * The query service, as the page talks to it: same origin, the API key as
 * `Authorization: Bearer <key>` on every request, no cookies. The key is
 * asked for once and kept in sessionStorage (gone when the tab closes).
 */
import type {
  Alert,
  EntityDetail,
  LinkEvidence,
  Neighborhood,
  Page,
  Paths,
  Problem,
  RingDetail,
  RingSummary,
  SearchHit,
} from './types.js';

export { API } from './client-paths.js';
import { API } from './client-paths.js';
const KEY_ITEM = 'ringlink.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export type Unauthenticated = () => void;

const enc = encodeURIComponent;

export class ApiClient {
  private onUnauthenticated: Unauthenticated = () => {};

  get key(): string | null {
    return sessionStorage.getItem(KEY_ITEM);
  }

  setKey(key: string | null): void {
    if (key === null) sessionStorage.removeItem(KEY_ITEM);
    else sessionStorage.setItem(KEY_ITEM, key);
  }

  /** Called when the service answers 401 (the key is forgotten first). */
  whenUnauthenticated(f: Unauthenticated): void {
    this.onUnauthenticated = f;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const key = this.key;
    return { Accept: 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra };
  }

  /** A raw request with the key; 401 forgets the key. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(path.startsWith('/') ? path : `${API}/${path}`, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      headers: { ...this.headers(), ...(init.headers as Record<string, string> | undefined) },
    });
    if (res.status === 401) {
      this.setKey(null);
      this.onUnauthenticated();
    }
    return res;
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.request(path, init);
    if (!res.ok) throw new ApiError(res.status, await problemOf(res));
    return (await res.json()) as T;
  }

  /** Checks a key without keeping it: true when the service accepts it. */
  async tryKey(key: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const res = await fetch(`${API}/openapi.json`, { credentials: 'omit', cache: 'no-store', headers: { Accept: 'application/json', Authorization: `Bearer ${key}` } });
    if (res.ok) return { ok: true };
    const p = await problemOf(res);
    return { ok: false, message: p.detail ?? p.title ?? `the service answered ${res.status}` };
  }

  openapi(): Promise<{ paths?: Record<string, Record<string, { requestBody?: unknown }>> }> {
    return this.json(`${API}/openapi.json`);
  }

  search(q: string, limit = 50): Promise<Page<SearchHit>> {
    return this.json(`${API}/entities?q=${enc(q)}&limit=${limit}`);
  }

  entity(id: string): Promise<EntityDetail> {
    return this.json(`${API}/entities/${enc(id)}`);
  }

  neighbors(id: string, options: { cap?: number; limit?: number; depth?: number } = {}): Promise<Neighborhood> {
    const q = new URLSearchParams();
    if (options.cap !== undefined) q.set('cap', String(options.cap));
    if (options.limit !== undefined) q.set('limit', String(options.limit));
    if (options.depth !== undefined) q.set('depth', String(options.depth));
    const qs = q.toString();
    return this.json(`${API}/entities/${enc(id)}/neighbors${qs ? `?${qs}` : ''}`);
  }

  paths(from: string, to: string, options: { includeHubs?: boolean; maxDepth?: number } = {}): Promise<Paths> {
    const q = new URLSearchParams({ from, to });
    if (options.includeHubs) q.set('includeHubs', 'true');
    if (options.maxDepth !== undefined) q.set('maxDepth', String(options.maxDepth));
    return this.json(`${API}/paths?${q.toString()}`);
  }

  linkEvidence(linkId: string, cursor?: string, limit = 50): Promise<LinkEvidence> {
    return this.json(`${API}/links/${enc(linkId)}/evidence?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`);
  }

  rings(sort: 'score' | 'size' | 'changed', limit = 100): Promise<Page<RingSummary>> {
    return this.json(`${API}/rings?sort=${sort}&limit=${limit}`);
  }

  ring(id: string): Promise<RingDetail> {
    return this.json(`${API}/rings/${enc(id)}`);
  }

  alerts(limit = 20): Promise<Page<Alert>> {
    return this.json(`${API}/alerts?limit=${limit}`);
  }
}

export async function problemOf(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Problem;
    return typeof body === 'object' && body !== null ? body : { status: res.status };
  } catch {
    return { status: res.status, title: res.statusText };
  }
}

/** Runs `f` over `items` with at most `limit` at once; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
