import { describe, expect, it } from 'vitest';
import { isRinglinkError, linkId, type EntityKind, type Evidence, type LinkKind } from '@ringlink/model';
import { loadMappingSpecs } from '../ingest/mapping-spec.js';
import { AlertService } from './alert-service.js';
import { evaluateAlerts } from './evaluate.js';
import { MemoryAlertContext } from './fake-context.js';
import { screenRecord } from './screening.js';
import { severityOf } from './severity.js';
import { ALERT_DEFAULTS, resolveAlertOptions } from './defaults.js';
import { recordKey, type AlertBatch, type AlertCandidate, type AlertHop } from './types.js';
import type { RaiseMeta, StagedAlerts } from './alert-service.js';
import { watchKeyOf, watchKeysOfEntity } from './watch-keys.js';

// ---------------------------------------------------------------- a small world

const R1 = { id: 'R-0001', score: 80 };
const R2 = { id: 'R-0002', score: 60 };

const AGENT = 'person:cnic:3520111111111';
const AGENT_PHONE = 'phone:+923001111111';
const FEE = 'account:PK36SCBL0000001123456702';
const FORGED = 'document:bank_statement:PAK:PK81UNIL1870503817545106';
const MEMBER = 'person:cnic:3520122222222';
const R2_AGENT = 'person:cnic:4210133333333';
const R2_PHONE = 'phone:+923213333333';
const HUB = 'account:PK89HABB0865481794406941';
const NEW_APPLICANT = 'person:cnic:3740144444444';
const NEW_PHONE = 'phone:+923334444444';

function ev(recordId: string, row = 1, source = 'applications'): Evidence {
  return {
    source,
    file: `${source}.csv`,
    fileSha256: 'f'.repeat(64),
    row,
    recordId,
    recordSha256: recordId.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, 'a'),
    observedAt: '2024-05-01T00:00:00Z',
  };
}

function kindOf(id: string): EntityKind {
  const p = id.slice(0, id.indexOf(':'));
  return ({ person: 'Person', phone: 'Phone', account: 'BankAccount', document: 'Document', email: 'Email', address: 'Address', organization: 'Organization' } as const)[p as 'person']!;
}

class Batch implements AlertBatch {
  entities: AlertBatch['entities'][number][] = [];
  links: AlertBatch['links'][number][] = [];

  entity(id: string, props: Record<string, unknown> = {}, evidence: Evidence[] = [ev('APP-1')], aliases: string[] = []): this {
    const had = this.entities.find((e) => e.id === id);
    if (had) return this;
    this.entities.push({ id, kind: kindOf(id), props, evidence, aliases });
    return this;
  }

  link(type: LinkKind, from: string, to: string, evidence: Evidence[] = [ev('APP-1')]): this {
    this.entity(from, {}, evidence).entity(to, {}, evidence);
    this.links.push({ id: linkId(type, from, to), type, from, to, evidence });
    return this;
  }
}

function world(): MemoryAlertContext {
  const ctx = new MemoryAlertContext();
  ctx.entity({ id: AGENT, rings: [R1] })
    .entity({ id: AGENT_PHONE, rings: [R1] })
    .entity({ id: FEE, rings: [R1] })
    .entity({ id: FORGED, rings: [R1] })
    .entity({ id: MEMBER, rings: [R1] })
    .entity({ id: R2_AGENT, rings: [R2] })
    .entity({ id: R2_PHONE, rings: [R2] })
    .entity({ id: HUB, isHub: true });
  ctx.links.add(linkId('USES_PHONE', AGENT, AGENT_PHONE));
  ctx.links.add(linkId('APPLIED_VIA', MEMBER, AGENT));
  const tie: AlertHop = { linkId: linkId('USES_PHONE', AGENT, AGENT_PHONE), type: 'USES_PHONE', from: AGENT, to: AGENT_PHONE, isNew: false, evidence: [ev('APP-0', 7)] };
  ctx.ties.set(`${AGENT_PHONE}|${R1.id}`, tie);
  return ctx;
}

const keys = (c: AlertCandidate[]): string[] => c.map((x) => x.key);

// ---------------------------------------------------------------- rules

describe('joined-ring', () => {
  it('a new applicant using a ring agent\'s phone joins the ring, explained through the agent', async () => {
    const ctx = world();
    const batch = new Batch().link('USES_PHONE', NEW_APPLICANT, AGENT_PHONE, [ev('APP-9', 4)]);
    const out = await evaluateAlerts(batch, ctx);
    expect(keys(out)).toEqual([`joined-ring|${NEW_APPLICANT}|R-0001`]);
    const a = out[0]!;
    expect(a).toMatchObject({ rule: 'joined-ring', entity: NEW_APPLICANT, entityKind: 'Person', member: AGENT_PHONE, rings: [R1] });
    expect(a.path.nodes).toEqual([NEW_APPLICANT, AGENT_PHONE, AGENT]);
    expect(a.path.hops.map((h) => [h.type, h.isNew])).toEqual([['USES_PHONE', true], ['USES_PHONE', false]]);
    expect(a.path.hops[0]!.evidence.map((e) => e.recordId)).toEqual(['APP-9']);
    expect(a.records.map((r) => [r.recordId, r.row])).toEqual([['APP-9', 4]]);
    expect(a.severity).toBe('high'); // 0.75 × 80
    expect(a.severityScore).toBe(60);
    expect(a.summary).toContain('R-0001');
  });

  it('paying into the fee account, applying via the agent and carrying the forged statement is one candidate with three links', async () => {
    const r = [ev('APP-9', 4)];
    const batch = new Batch()
      .link('PAID_INTO', NEW_APPLICANT, FEE, r)
      .link('HOLDS_DOCUMENT', NEW_APPLICANT, FORGED, r)
      .link('APPLIED_VIA', NEW_APPLICANT, AGENT, r);
    const out = await evaluateAlerts(batch, world());
    expect(out).toHaveLength(1);
    expect(out[0]!.links.map((l) => l.type).sort()).toEqual(['APPLIED_VIA', 'HOLDS_DOCUMENT', 'PAID_INTO']);
    // The path prefers the link that ends on a ring person.
    expect(out[0]!.member).toBe(AGENT);
    expect(out[0]!.path.nodes).toEqual([NEW_APPLICANT, AGENT]);
    expect(out[0]!.records).toHaveLength(1);
  });

  it('an identifier can join too: the agent\'s new phone', async () => {
    const out = await evaluateAlerts(new Batch().link('USES_PHONE', AGENT, NEW_PHONE), world());
    expect(keys(out)).toEqual([`joined-ring|${NEW_PHONE}|R-0001`]);
    expect(out[0]!.entityKind).toBe('Phone');
  });

  it('raises nothing for a link that is already stored (re-ingest), nor inside a ring', async () => {
    const ctx = world();
    expect(await evaluateAlerts(new Batch().link('USES_PHONE', AGENT, AGENT_PHONE), ctx)).toEqual([]);
    expect(await evaluateAlerts(new Batch().link('PAID_INTO', MEMBER, FEE), ctx)).toEqual([]); // both in R-0001
  });

  it('looks links up by stored ids: a batch person known by a stored alias', async () => {
    const ctx = world();
    const stored = 'person:passport:PAK:AB1234567';
    ctx.entity({ id: stored });
    ctx.links.add(linkId('USES_PHONE', stored, AGENT_PHONE));
    const batch = new Batch()
      .entity('person:cnic:3520155555555', { cnic: '3520155555555' }, [ev('APP-5')], [stored])
      .link('USES_PHONE', 'person:cnic:3520155555555', AGENT_PHONE, [ev('APP-5')]);
    expect(await evaluateAlerts(batch, ctx)).toEqual([]);
    // Without the stored link it is new, and the alert names the stronger (CNIC) id.
    ctx.links.delete(linkId('USES_PHONE', stored, AGENT_PHONE));
    const out = await evaluateAlerts(batch, ctx);
    expect(out.map((a) => a.entity)).toEqual(['person:cnic:3520155555555']);
  });

  it('POSSIBLY_SAME_AS (a guess for an analyst) raises nothing by default', async () => {
    const out = await evaluateAlerts(new Batch().link('POSSIBLY_SAME_AS', NEW_APPLICANT, AGENT), world());
    expect(out).toEqual([]);
  });
});

describe('bridged-rings', () => {
  it('a link between members of two rings raises bridged-rings, not joined-ring', async () => {
    const out = await evaluateAlerts(new Batch().link('USES_PHONE', AGENT, R2_PHONE, [ev('CALL-1', 2, 'calls')]), world());
    expect(keys(out)).toEqual([`bridged-rings|${AGENT}|R-0001+R-0002`]);
    const a = out[0]!;
    expect(a.rings.map((r) => r.id)).toEqual(['R-0001', 'R-0002']);
    expect(a.member).toBe(R2_PHONE);
    expect(a.path.nodes[0]).toBe(AGENT);
    expect(a.path.nodes[1]).toBe(R2_PHONE);
    expect(a.severityScore).toBe(70); // 0.75 × 80 + 10
  });

  it('between two identifiers the person side is the entity; ring order is by id', async () => {
    const out = await evaluateAlerts(new Batch().link('APPLIED_VIA', R2_AGENT, AGENT), world());
    expect(keys(out)).toEqual([`bridged-rings|${R2_AGENT}|R-0001+R-0002`]);
  });
});

describe('hub suppression', () => {
  it('hubs neither join nor are joined', async () => {
    const ctx = world();
    // A ring member pays the consulate's fee account (a hub): the hub does not "join" the ring.
    expect(await evaluateAlerts(new Batch().link('PAID_INTO', AGENT, HUB), ctx)).toEqual([]);
    // A hub that the analysis also left in a ring: touching it raises nothing either.
    ctx.entity({ id: HUB, isHub: true, rings: [R1] });
    expect(await evaluateAlerts(new Batch().link('PAID_INTO', NEW_APPLICANT, HUB), ctx)).toEqual([]);
  });
});

describe('a batch where nothing new joins', () => {
  it('raises no alert and only asks about what it holds', async () => {
    const ctx = world();
    const batch = new Batch()
      .link('USES_PHONE', NEW_APPLICANT, NEW_PHONE)
      .link('LIVES_AT', NEW_APPLICANT, 'address:house 1 street 2 lahore')
      .link('USES_PHONE', AGENT, AGENT_PHONE); // already stored
    expect(await evaluateAlerts(batch, ctx)).toEqual([]);
    expect(new Set(ctx.asked.resolve)).toEqual(new Set(batch.entities.map((e) => e.id)));
    // Links without a ring at either end are never even checked against the store.
    expect(ctx.asked.existingLinks).toEqual([linkId('USES_PHONE', AGENT, AGENT_PHONE)]);
  });

  it('an empty batch asks nothing', async () => {
    const ctx = world();
    expect(await evaluateAlerts({ entities: [], links: [] }, ctx)).toEqual([]);
    expect(Object.values(ctx.asked).flat()).toEqual([]);
  });
});

describe('watchlist-hit', () => {
  it('matches a phone watch-listed in another spelling, on new records only', async () => {
    const ctx = world();
    const w = watchKeyOf('phone', '0333-444 4444');
    expect(w.key).toBe(NEW_PHONE);
    ctx.watch.set(w.key, [{ key: w.key, kind: 'phone', identifier: '0333-444 4444', note: 'courier' }]);
    const record = ev('APP-77', 12);
    const batch = new Batch().link('USES_PHONE', NEW_APPLICANT, NEW_PHONE, [record]);
    const out = await evaluateAlerts(batch, ctx);
    expect(keys(out)).toEqual([`watchlist-hit|${NEW_PHONE}|${NEW_PHONE}`]);
    expect(out[0]!.watch[0]!.note).toBe('courier');
    expect(out[0]!.records.map((r) => r.recordId)).toEqual(['APP-77']);
    expect(out[0]!.path.nodes).toEqual([NEW_PHONE, NEW_APPLICANT]);
    expect(out[0]!.severity).toBe('high'); // 60 outside rings
    // The same record again (re-ingest): nothing.
    ctx.records.add(recordKey(record));
    expect(await evaluateAlerts(batch, ctx)).toEqual([]);
  });

  it('matches CNICs on persons and passports on documents', async () => {
    const ctx = world();
    const cnic = watchKeyOf('cnic', '37401-4444444-4');
    const passport = watchKeyOf('passport', 'ab 123-4567', { country: 'Pakistan' });
    ctx.watch.set(cnic.key, [{ key: cnic.key, kind: 'cnic', identifier: '37401-4444444-4', note: null }]);
    ctx.watch.set(passport.key, [{ key: passport.key, kind: 'passport', identifier: 'ab 123-4567', note: null }]);
    const doc = 'document:passport:PAK:AB1234567';
    const batch = new Batch()
      .entity(NEW_APPLICANT, { cnic: '3740144444444', passportKeys: ['PAK:AB1234567'] })
      .entity(doc, { docType: 'passport', issuer: 'PAK', number: 'AB1234567' })
      .link('HOLDS_DOCUMENT', NEW_APPLICANT, doc);
    const out = await evaluateAlerts(batch, ctx);
    expect(keys(out).sort()).toEqual([
      `watchlist-hit|${doc}|passport:PAK:AB1234567`,
      `watchlist-hit|${NEW_APPLICANT}|cnic:3740144444444`,
      `watchlist-hit|${NEW_APPLICANT}|passport:PAK:AB1234567`,
    ].sort());
  });

  it('a watch-listed ring member scores higher', async () => {
    const ctx = world();
    ctx.entity({ id: AGENT_PHONE, rings: [R1], brokerRank: 1 });
    ctx.watch.set(AGENT_PHONE, [{ key: AGENT_PHONE, kind: 'phone', identifier: '03001111111', note: null }]);
    const out = await evaluateAlerts(new Batch().link('USES_PHONE', AGENT, AGENT_PHONE, [ev('APP-100')]), ctx);
    expect(out).toHaveLength(1);
    expect(out[0]!.severity).toBe('critical'); // 60 + 0.4 × (60 + 25)
    expect(out[0]!.rings).toEqual([R1]);
  });
});

describe('severity and options', () => {
  it('follows the documented formula', () => {
    const o = resolveAlertOptions();
    expect(severityOf({ rule: 'joined-ring', ringScores: [92], brokerRanks: [null] }, o).score).toBe(69);
    expect(severityOf({ rule: 'joined-ring', ringScores: [92], brokerRanks: [1] }, o)).toMatchObject({ score: 94, severity: 'critical' });
    expect(severityOf({ rule: 'joined-ring', ringScores: [45], brokerRanks: [4] }, o)).toMatchObject({ score: 46.3, severity: 'medium' });
    expect(severityOf({ rule: 'joined-ring', ringScores: [45], brokerRanks: [null] }, o).severity).toBe('low');
    expect(severityOf({ rule: 'bridged-rings', ringScores: [100, 90], brokerRanks: [1, 2] }, o).score).toBe(100);
  });

  it('the member touched by a broker raises severity', async () => {
    const ctx = world();
    ctx.entity({ id: AGENT, rings: [R1], brokerRank: 1, betweenness: 0.4 });
    const out = await evaluateAlerts(new Batch().link('APPLIED_VIA', NEW_APPLICANT, AGENT), ctx);
    expect(out[0]!.severityParts.brokerRank).toBe(1);
    expect(out[0]!.severity).toBe('critical');
  });

  it('rejects bad options with named messages', () => {
    expect(() => resolveAlertOptions({ ringWeight: 2 })).toThrow(/alerts: ringWeight/);
    expect(() => resolveAlertOptions({ levels: { critical: 10, high: 60, medium: 40 } })).toThrow(/alerts: levels/);
    expect(() => resolveAlertOptions({ nope: 1 } as never)).toThrow(/unknown option "nope"/);
    expect(ALERT_DEFAULTS.ringLinkKinds).not.toContain('POSSIBLY_SAME_AS');
  });

  it('is deterministic and ordered by severity', async () => {
    const batch = new Batch()
      .link('APPLIED_VIA', NEW_APPLICANT, R2_AGENT)
      .link('USES_PHONE', NEW_APPLICANT, AGENT_PHONE)
      .link('USES_PHONE', AGENT, R2_PHONE);
    const a = await evaluateAlerts(batch, world());
    const b = await evaluateAlerts(batch, world());
    expect(a).toEqual(b);
    expect(a.map((x) => x.severityScore)).toEqual([...a.map((x) => x.severityScore)].sort((x, y) => y - x));
    expect(a.map((x) => x.rule).sort()).toEqual(['bridged-rings', 'joined-ring', 'joined-ring']);
  });
});

describe('watch keys', () => {
  it('normalize every spelling to one key', () => {
    expect(watchKeyOf('phone', '+92 300 1234567').key).toBe(watchKeyOf('phone', '0300-1234567').key);
    expect(watchKeyOf('account', 'pk36 scbl 0000 0011 2345 6702').key).toBe('account:PK36SCBL0000001123456702');
    expect(watchKeyOf('account', 'hbl:00123456789').key).toBe('account:HBL:00123456789');
    expect(watchKeyOf('cnic', '35202-1234567-1').key).toBe('cnic:3520212345671');
    expect(watchKeyOf('passport', 'PAK:ab 123-4567').key).toBe('passport:PAK:AB1234567');
    expect(watchKeyOf('document', 'pk81-unil 1870').key).toBe('document-number:PK81UNIL1870');
    expect(watchKeyOf('email', 'mailto:Ali@Example.com').key).toBe('email:ali@example.com');
    expect(watchKeysOfEntity({ id: 'document:cnic:PAK:3520212345671', kind: 'Document', props: { docType: 'cnic', number: '3520212345671' } })).toContain('cnic:3520212345671');
  });

  it('refuse what cannot be normalized, never guess', () => {
    for (const [kind, raw] of [['phone', 'call me'], ['cnic', '12345'], ['passport', 'AB1234567'], ['account', '00123456789']] as const) {
      try {
        watchKeyOf(kind, raw);
        expect.fail(`${kind} ${raw} was accepted`);
      } catch (err) {
        expect(isRinglinkError(err, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
  });
});

describe('AlertService', () => {
  it('evaluates before the write, raises after it, and tells listeners', async () => {
    const ctx = world();
    const order: string[] = [];
    const raised: AlertCandidate[][] = [];
    const backend = Object.assign(ctx, {
      async raise(c: readonly AlertCandidate[]) {
        order.push('raise');
        raised.push([...c]);
        return { raised: [], updated: [], unchanged: 0, lastEventId: 42 };
      },
    });
    const service = new AlertService(backend);
    const heard: number[] = [];
    service.onEvents((id) => heard.push(id));
    const batch = new Batch().link('USES_PHONE', NEW_APPLICANT, AGENT_PHONE);
    const out = await service.withAlerts(batch, async () => {
      order.push('write');
      ctx.links.add(linkId('USES_PHONE', NEW_APPLICANT, AGENT_PHONE)); // the write stores the link
      return 'written';
    }, { via: 'test' });
    expect(order).toEqual(['write', 'raise']);
    expect(out.result).toBe('written');
    expect(out.candidates).toBe(1);
    expect(raised[0]!.map((c) => c.rule)).toEqual(['joined-ring']);
    expect(heard).toEqual([42]);
  });

  it('raises nothing when the write fails', async () => {
    const ctx = world();
    let raised = 0;
    const service = new AlertService(Object.assign(ctx, { async raise() { raised++; return { raised: [], updated: [], unchanged: 0, lastEventId: null }; } }));
    await expect(service.withAlerts(new Batch().link('USES_PHONE', NEW_APPLICANT, AGENT_PHONE), async () => { throw new Error('boom'); }, { via: 'test' })).rejects.toThrow('boom');
    expect(raised).toBe(0);
  });
});

describe('AlertService with an outbox', () => {
  /** An in-memory outbox, and a sink that fails when told to (a process stopping between the write and the raise). */
  function backendWithOutbox() {
    const ctx = world();
    const outbox = new Map<string, StagedAlerts>();
    const raised: Array<{ keys: string[]; meta: RaiseMeta }> = [];
    const order: string[] = [];
    let failNextRaise = false;
    let n = 0;
    const backend = Object.assign(ctx, {
      async raise(c: readonly AlertCandidate[], meta: RaiseMeta) {
        order.push('raise');
        if (failNextRaise) {
          failNextRaise = false;
          throw new Error('process stopped');
        }
        raised.push({ keys: c.map((x) => x.key), meta });
        return { raised: [], updated: [], unchanged: 0, lastEventId: null };
      },
      async stage(c: readonly AlertCandidate[], meta: RaiseMeta) {
        order.push('stage');
        const id = `s${++n}`;
        outbox.set(id, { id, stagedAt: `2026-11-26T10:00:0${n}Z`, candidates: structuredClone([...c]), meta });
        return id;
      },
      async staged() {
        return [...outbox.values()];
      },
      async settle(id: string, waiting: readonly AlertCandidate[]) {
        order.push('settle');
        if (waiting.length === 0) outbox.delete(id);
        else outbox.set(id, { ...outbox.get(id)!, candidates: [...waiting] });
      },
    });
    return { ctx, backend, outbox, raised, order, failRaise: () => { failNextRaise = true; } };
  }
  const link = linkId('USES_PHONE', NEW_APPLICANT, AGENT_PHONE);
  const batch = () => new Batch().link('USES_PHONE', NEW_APPLICANT, AGENT_PHONE);
  /** What the store write of `batch()` leaves behind: the applicant and the link. */
  const store = (ctx: ReturnType<typeof world>) => {
    ctx.entity({ id: NEW_APPLICANT });
    ctx.links.add(link);
  };

  it('stages before the write and settles after the raise', async () => {
    const b = backendWithOutbox();
    const service = new AlertService(b.backend);
    await service.withAlerts(batch(), async () => { b.order.push('write'); b.ctx.links.add(link); }, { via: 'test' });
    expect(b.order).toEqual(['stage', 'write', 'raise', 'settle']);
    expect(b.outbox.size).toBe(0);
  });

  it('loses no alert when the process stops between the write and the raise', async () => {
    const b = backendWithOutbox();
    b.failRaise();
    await expect(new AlertService(b.backend).withAlerts(batch(), async () => store(b.ctx), { via: 'test', actor: 'key-1' })).rejects.toThrow('process stopped');
    expect(b.outbox.size).toBe(1);
    // The batch is stored now, so evaluating it again finds nothing new: only the outbox still knows the alert.
    const again = await new AlertService(b.backend).withAlerts(batch(), async () => {}, { via: 'test' });
    expect(again.candidates).toBe(0);
    expect(b.raised).toHaveLength(1);
    expect(b.raised[0]!.keys).toEqual([`joined-ring|${NEW_APPLICANT}|R-0001`]);
    expect(b.raised[0]!.meta).toEqual({ via: 'test', actor: 'key-1' });
    expect(b.outbox.size).toBe(0);
  });

  it('keeps staged alerts waiting until the links they name are stored', async () => {
    const b = backendWithOutbox();
    const service = new AlertService(b.backend);
    await expect(service.withAlerts(batch(), async () => { throw new Error('write failed'); }, { via: 'test' })).rejects.toThrow('write failed');
    await service.withAlerts(new Batch(), async () => {}, { via: 'test' });
    expect(b.raised).toHaveLength(0);
    expect(b.outbox.size).toBe(1);
    store(b.ctx); // a later write stores the link
    const out = await service.raiseStaged();
    expect(b.raised.map((r) => r.keys)).toEqual([[`joined-ring|${NEW_APPLICANT}|R-0001`]]);
    expect(out.lastEventId).toBeNull();
    expect(b.outbox.size).toBe(0);
  });
});

describe('screening', () => {
  it('says whether one application would tie its applicant to a ring, without storing it', async () => {
    const specs = await loadMappingSpecs();
    const spec = specs.find((s) => s.name === 'applications')!;
    const record = {
      application_id: 'SCREEN-1', submitted_at: '2024-06-01', applicant_name: 'Ali Raza', applicant_dob: '1990-02-03',
      applicant_cnic: '37401-4444444-4', applicant_phone: '0300 1111111', agent_name: '', agent_phone: '', agent_cnic: '',
    };
    const out = await screenRecord(spec, record, world());
    expect(out.rejected).toBe(false);
    expect(out.tiedToRing).toBe(true);
    expect(out.rings).toEqual(['R-0001']);
    expect(out.alerts[0]!.path.nodes).toEqual([NEW_APPLICANT, AGENT_PHONE, AGENT]);
    const clean = await screenRecord(spec, { ...record, applicant_phone: '0333 9999999' }, world());
    expect(clean.tiedToRing).toBe(false);
    const bad = await screenRecord(spec, { ...record, applicant_cnic: '', applicant_dob: '' }, world());
    expect(bad.rejected).toBe(true);
  });
});
