/**
 * The web view's plain parts, in Node (the browser parts are tested in a
 * real browser by web-view.e2e.int.test.ts): the SSE parser, the style
 * tables against the model, labels, the path layout, the export
 * capability, and — at type level, checked by `tsc` — that every response
 * the query service can send fits the types the page reads.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_KIND_NAMES, LINK_KIND_NAMES } from '../packages/model/src/index.js';
import type { AlertDto } from '../services/query-api/src/alerts/schemas.js';
import type { AlertEvent as StoredAlertEvent } from '../packages/store-neo4j/src/index.js';
import type { RingDetailDto, RingSummaryDto } from '../services/query-api/src/schemas/analysis.js';
import type { EntityDetailDto, LinkEvidenceDto, NeighborhoodDto, PathsDto, SearchHitDto } from '../services/query-api/src/schemas/graph.js';
import { exportCapabilityFrom } from '../services/web-view/src/api/capabilities.js';
import { SseParser } from '../services/web-view/src/api/sse-parser.js';
import type * as View from '../services/web-view/src/api/types.js';
import { entityLabel, idValue, kindOfId } from '../services/web-view/src/graph/labels.js';
import { layeredPathPositions } from '../services/web-view/src/graph/path-layout.js';
import { KIND_LABELS, KIND_SHAPES, LINK_COLORS, NO_RING_COLOR, RING_COLORS, nodeSize, ringColor } from '../services/web-view/src/graph/style-tables.js';

// ---- The contract, at type level: a service response must be assignable to what the page reads.
// (No runtime effect; `tsc` fails here when a schema changes under the page.)
export const contract = {
  searchHit: (x: SearchHitDto): View.SearchHit => x,
  entityDetail: (x: EntityDetailDto): View.EntityDetail => x,
  neighborhood: (x: NeighborhoodDto): View.Neighborhood => x,
  paths: (x: PathsDto): View.Paths => x,
  linkEvidence: (x: LinkEvidenceDto): View.LinkEvidence => x,
  ringSummary: (x: RingSummaryDto): View.RingSummary => x,
  ringDetail: (x: RingDetailDto): View.RingDetail => x,
  alert: (x: AlertDto): View.Alert => x,
  alertEvent: (x: StoredAlertEvent): View.AlertEvent => x,
};

describe('SseParser', () => {
  const stream = 'retry: 2000\n: ringlink alerts\n\nid: 41\nevent: alert.raised\ndata: {"a":1}\n\n: keepalive\n\nid: 42\nevent: alert.evidence\ndata: line one\ndata: line two\n\n';

  it('reads events, ids, multi-line data and retry, skipping comments', () => {
    const p = new SseParser();
    const out = p.push(stream);
    expect(out).toEqual([
      { event: 'alert.raised', data: '{"a":1}', lastEventId: '41' },
      { event: 'alert.evidence', data: 'line one\nline two', lastEventId: '42' },
    ]);
    expect(p.retryMs).toBe(2000);
  });

  it('gives the same events however the stream is cut into chunks, with LF, CRLF or CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = stream.replace(/\n/g, eol);
      const whole = new SseParser().push(text);
      for (let size = 1; size <= 7; size++) {
        const p = new SseParser();
        const got = [];
        for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
        expect(got, `eol ${JSON.stringify(eol)}, chunks of ${size}`).toEqual(whole);
      }
      expect(whole).toHaveLength(2);
    }
  });

  it('names an event without `event:` "message", keeps the last id across events, ignores an id with NUL', () => {
    const p = new SseParser();
    expect(p.push('id: 7\ndata: x\n\ndata: y\n\nid: a\0b\ndata: z\n\n')).toEqual([
      { event: 'message', data: 'x', lastEventId: '7' },
      { event: 'message', data: 'y', lastEventId: '7' },
      { event: 'message', data: 'z', lastEventId: '7' },
    ]);
  });

  it('dispatches nothing for an event without data, and nothing before the blank line', () => {
    const p = new SseParser();
    expect(p.push('event: alert.raised\n\n')).toEqual([]);
    expect(p.push('data: partial')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'message', data: 'partial', lastEventId: '' }]);
  });
});

describe('style tables', () => {
  it('give every entity kind of the model a shape and a legend label, and every link kind a colour', () => {
    for (const kind of ENTITY_KIND_NAMES) {
      expect(KIND_SHAPES[kind], kind).toBeDefined();
      expect(KIND_LABELS[kind], kind).toBeDefined();
    }
    for (const kind of LINK_KIND_NAMES) expect(LINK_COLORS[kind], kind).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(Object.values(LINK_COLORS)).size).toBe(Object.keys(LINK_COLORS).length);
    expect(new Set(Object.values(KIND_SHAPES)).size).toBe(Object.keys(KIND_SHAPES).length);
  });

  it('colour a ring the same way every time, ten rings apart in ten colours, grey outside rings', () => {
    expect(ringColor('R-0001')).toBe(RING_COLORS[0]);
    expect(ringColor('R-0007')).toBe(ringColor('R-0007'));
    expect(new Set(Array.from({ length: 10 }, (_, i) => ringColor(`R-${String(i + 1).padStart(4, '0')}`))).size).toBe(10);
    expect(ringColor('R-0011')).toBe(ringColor('R-0001'));
    expect(ringColor(undefined)).toBe(NO_RING_COLOR);
    expect(RING_COLORS).not.toContain(NO_RING_COLOR);
  });

  it('size brokers by rank, the strongest largest, above every non-broker', () => {
    expect(nodeSize('Person', 1, false)).toBeGreaterThan(nodeSize('Person', 2, false));
    expect(nodeSize('Person', 2, false)).toBeGreaterThan(nodeSize('Person', 10, false));
    expect(nodeSize('Person', 50, false)).toBeGreaterThan(nodeSize('Person', undefined, false));
    expect(nodeSize('Person', undefined, false)).toBeGreaterThan(nodeSize('Phone', undefined, false));
  });
});

describe('labels', () => {
  const e = (kind: string, props: Record<string, string | string[]>, id = `${kind.toLowerCase()}:x`) => ({ id, kind, props });

  it('name each kind by what an analyst recognises', () => {
    expect(entityLabel(e('Person', { name: 'Ali Khan', names: ['Ali Khan', 'Aly Khan'] }))).toBe('Ali Khan');
    expect(entityLabel(e('Person', { names: ['Aly Khan'] }))).toBe('Aly Khan');
    expect(entityLabel(e('Phone', { e164: '+923001234567' }))).toBe('+923001234567');
    expect(entityLabel(e('BankAccount', { iban: 'PK36SCBL0000001123456702' }))).toBe('PK36SCBL0000001123456702');
    expect(entityLabel(e('BankAccount', { bankCode: 'HBL', number: '00123456789' }))).toBe('HBL 00123456789');
    expect(entityLabel(e('Document', { docType: 'bank_statement', number: 'BS123' }))).toBe('bank statement BS123');
    expect(entityLabel(e('Email', { address: 'ali@example.com' }))).toBe('ali@example.com');
    expect(entityLabel(e('Organization', { name: 'Khyber Elite Overseas Consultants (Private) Limited' }))).toBe('Khyber Elite Overseas Consultants…');
    expect(entityLabel({ id: 'person:cnic:3520212345671', kind: 'Person', props: {} })).toBe('cnic:3520212345671');
  });

  it('read kinds and values from entity ids', () => {
    expect(kindOfId('phone:+923001234567')).toBe('Phone');
    expect(kindOfId('account:HBL:001')).toBe('BankAccount');
    expect(kindOfId('nonsense')).toBeUndefined();
    expect(idValue('account:HBL:001')).toBe('HBL:001');
  });
});

describe('layeredPathPositions', () => {
  it('puts each node of shortest paths in the column of its distance from the start, columns centred', () => {
    const pos = layeredPathPositions([
      ['a', 'p1', 'b'],
      ['a', 'p2', 'b'],
      ['a', 'p3', 'b'],
    ]);
    expect(pos.get('a')).toEqual({ x: 0, y: 0 });
    expect(pos.get('b')).toEqual({ x: 6, y: 0 });
    expect([pos.get('p1')!.y, pos.get('p2')!.y, pos.get('p3')!.y]).toEqual([-1.6, 0, 1.6]);
    expect(new Set([pos.get('p1')!.x, pos.get('p2')!.x, pos.get('p3')!.x])).toEqual(new Set([3]));
  });
});

describe('exportCapabilityFrom', () => {
  it('is undefined when the service has no POST /exports', () => {
    expect(exportCapabilityFrom({ paths: { '/api/v1/rings': {} } })).toBeUndefined();
    expect(exportCapabilityFrom({ paths: { '/api/v1/exports': { get: {} } } })).toBeUndefined();
  });

  it('asks for one ring\'s package with the case reference and redaction chosen', () => {
    const cap = exportCapabilityFrom({ paths: { '/api/v1/exports': { post: {} } } })!;
    expect(cap.path).toBe('/api/v1/exports');
    expect(cap.body('R-0007', { caseRef: 'FIA-CC-2026-117', redact: true })).toEqual({ ring: 'R-0007', caseRef: 'FIA-CC-2026-117', redact: true });
  });
});
