import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Entity, Link } from '@ringlink/model';
import { buildCourtPackage } from './build-package.js';
import { generatedCase, parseCsv, pdfText, ringInput, unzip, type GeneratedCase } from './generated-case.fixture.js';
import { wordsOf } from './leak-guard.js';
import type { Manifest } from './manifest.js';
import type { CourtPackageInput } from './package-input.js';
import { createRedactor, maskMiddle } from './redaction.js';

vi.setConfig({ testTimeout: 30_000 });

const entity = (id: string, kind: Entity['kind'], props: Entity['props'] = {}, roles: Entity['roles'] = []): Entity =>
  ({ id, kind, roles, props, evidence: [], aliases: [] });

describe('masks', () => {
  const outsiders = [
    entity('phone:+923001234567', 'Phone', { e164: '+923001234567', country: 'PK' }),
    entity('account:PK36SCBL0000001123456702', 'BankAccount', { iban: 'PK36SCBL0000001123456702', country: 'PK', holderNames: ['Ali Khan'] }),
    entity('account:HBL:00123456789', 'BankAccount', { accountKey: 'HBL:00123456789', bankCode: 'HBL' }),
    entity('document:passport:PAK:AB1234567', 'Document', { docType: 'passport', issuer: 'PAK', number: 'AB1234567', status: 'genuine', holderName: 'Ali Khan' }),
    entity('email:ali.khan@example.com', 'Email', { address: 'ali.khan@example.com', domain: 'example.com' }),
    entity('person:cnic:3520212345671', 'Person', { name: 'Ali Khan', cnic: '3520212345671' }, ['Applicant']),
    entity('person:cnic:3520212345672', 'Person', { name: 'Sara Bibi', cnic: '3520212345672' }),
    entity('organization:sky travels', 'Organization', { name: 'Sky Travels' }),
    entity('address:house 1 street 2 lahore', 'Address', { text: 'House 1, Street 2, Lahore' }),
  ];
  const member = entity('person:cnic:4210112345678', 'Person', { name: 'Rashid Mehmood', cnic: '4210112345678' }, ['Agent']);
  const r = createRedactor({ active: true, members: new Set([member.id]), entities: [member, ...outsiders], otherIds: ['phone:+923009999999'] });

  it('masks each kind as documented, members untouched', () => {
    expect(r.id('phone:+923001234567')).toBe('phone:+92300*****67');
    expect(r.id('account:PK36SCBL0000001123456702')).toBe('account:PK36SCBL**************02');
    expect(r.id('account:HBL:00123456789')).toBe('account:HBL:*********89');
    expect(r.id('document:passport:PAK:AB1234567')).toBe('document:passport:PAK:AB*****67');
    expect(r.id('email:ali.khan@example.com')).toBe('email:a*******@e******.com');
    expect(r.id('person:cnic:3520212345671')).toBe('person:third-party-1');
    expect(r.maskedLabel('person:cnic:3520212345672')).toBe('Third party 2');
    expect(r.maskedLabel('organization:sky travels')).toBe('Third-party organization 1');
    expect(r.maskedLabel('address:house 1 street 2 lahore')).toBe('Third-party address 1');
    expect(r.id(member.id)).toBe(member.id);
    expect(r.isMasked(member.id)).toBe(false);
    expect(r.entityProps(member)).toEqual(member.props);
  });

  it('keeps only non-identifying properties of third parties, and counts what it masked', () => {
    expect(r.entityProps(outsiders[0]!)).toEqual({ country: 'PK' });
    expect(r.entityProps(outsiders[3]!)).toEqual({ docType: 'passport', issuer: 'PAK', status: 'genuine' });
    expect(r.entityProps(outsiders[5]!)).toEqual({});
    const s = r.summary();
    expect(s.masked).toEqual({ entities: 9, byKind: { Address: 1, BankAccount: 2, Document: 1, Email: 1, Organization: 1, Person: 2, Phone: 1 } });
    expect(s.maskedOutsidePackage).toBe(1);
    expect(r.id('phone:+923009999999')).toBe('phone:+92300*****99');
  });

  it('never masks too little, and disambiguates masks that would collide', () => {
    expect(maskMiddle('AB12345', 2, 2)).toBe('A*****5');
    expect(maskMiddle('123', 2, 2)).toBe('***');
    const twins = createRedactor({
      active: true, members: new Set(), otherIds: [],
      entities: [entity('phone:+923001111167', 'Phone'), entity('phone:+923002222267', 'Phone')],
    });
    expect(twins.id('phone:+923001111167')).toBe('phone:+92300*****67');
    expect(twins.id('phone:+923002222267')).toBe('phone:+92300*****67~2');
  });

  it('replaces a third party\'s identifier held in a member\'s properties, and drops free text on links to third parties', () => {
    const doc = entity('document:passport:PAK:ZZ9999999', 'Document', { docType: 'passport', number: 'ZZ9999999', seizedFrom: '35202-1234567-1', holderName: 'Ali Khan' });
    const rr = createRedactor({ active: true, members: new Set([member.id, doc.id]), entities: [member, doc, ...outsiders], otherIds: [] });
    expect(rr.entityProps(doc)).toMatchObject({ seizedFrom: 'Third party 1', holderName: 'Third party 1' });
    const paid: Link = { id: 'a|PAID|b', type: 'PAID', from: member.id, to: 'account:HBL:00123456789', props: { amount: 5, reference: 'fee for Sara Bibi', currency: 'PKR' }, evidence: [] };
    expect(rr.linkProps(paid)).toEqual({ amount: 5, currency: 'PKR' });
    expect(rr.summary().linkTextRemoved).toBe(1);
  });

  it('fails closed when text would carry a third party\'s raw identifier', () => {
    expect(() => r.check('P1 called +92 300 1234567? no: +923001234567', 'x.csv')).toThrow(/would leak/);
    expect(() => r.check('see phone:+92300*****67 and Third party 1', 'x.csv')).not.toThrow();
    expect(() => r.check('Rashid Mehmood, CNIC 4210112345678', 'x.csv')).not.toThrow();
  });
});

describe('a redacted package of a generated ring', () => {
  let c: GeneratedCase;
  let input: CourtPackageInput;
  let texts: Map<string, string>;
  let plain: Map<string, string>;

  beforeAll(async () => {
    c = await generatedCase(9);
    input = ringInput(c, { redact: true });
    const read = async (i: CourtPackageInput): Promise<Map<string, string>> => new Map((await unzip((await buildCourtPackage(i)).bytes))
      .map((e) => [e.name, e.name.endsWith('.pdf') ? pdfText(e.data) : e.data.toString('utf8')]));
    texts = await read(input);
    plain = await read({ ...input, options: { redact: false } });
  }, 60_000);

  afterAll(async () => {
    await c?.cleanup();
  });

  const members = (): Set<string> => new Set(input.ring!.members);
  const outsiders = (): Entity[] => input.entities.filter((e) => !members().has(e.id));

  it('has third parties to mask', () => {
    expect(outsiders().length).toBeGreaterThan(0);
  });

  it('keeps every ring member\'s id intact in every data file', () => {
    const ent = parseCsv(texts.get('entities.csv')!);
    for (const id of members()) {
      expect(ent.some((r) => r.entity_id === id), id).toBe(true);
      expect(texts.get('graph.graphml')!).toContain(`<node id="${id.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`);
    }
    expect(ent.filter((r) => r.in_ring === 'yes').every((r) => r.masked === 'no')).toBe(true);
    expect(ent.filter((r) => r.in_ring === 'no').every((r) => r.masked === 'yes')).toBe(true);
  });

  it('leaves no raw identifier or name of a third party in any file, the PDF included', () => {
    // What members show of themselves may contain a third party's value (a statement numbered by an IBAN): that stays.
    const memberText = input.entities.filter((e) => members().has(e.id)).map((e) => wordsOf(`${e.id} ${JSON.stringify(e.props)}`).join(' ')).join('\n');
    const words = new Map([...texts].map(([name, t]) => [name, ` ${wordsOf(t).join(' ')} `]));
    let checked = 0;
    for (const o of outsiders()) {
      const values = [o.id, ...o.aliases];
      for (const k of ['e164', 'iban', 'accountKey', 'cnic', 'number', 'address', 'text', 'documentKey']) {
        const v = o.props[k];
        if (typeof v === 'string') values.push(v);
      }
      for (const k of ['name', 'names', 'holderNames']) {
        const v = o.props[k];
        for (const s of typeof v === 'string' ? [v] : Array.isArray(v) ? v : []) if (wordsOf(s).length >= 2) values.push(s);
      }
      for (const v of values) {
        const phrase = wordsOf(v).join(' ');
        if (phrase.length < 5 || memberText.includes(phrase)) continue;
        for (const [name, t] of texts) {
          expect(words.get(name)!.includes(` ${phrase} `) || t.includes(v), `${name} shows ${o.kind} ${v}`).toBe(false);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(outsiders().length);
  });

  it('masks consistently: the same shown ids in entities.csv, links.csv and graph.graphml, the structure unchanged', () => {
    const ent = parseCsv(texts.get('entities.csv')!);
    const links = parseCsv(texts.get('links.csv')!);
    const masked = new Set(ent.filter((r) => r.masked === 'yes').map((r) => r.entity_id!));
    expect(masked.size).toBe(outsiders().length);
    const endpoints = new Set(links.flatMap((r) => [r.from_id!, r.to_id!]).filter((id) => !members().has(id)));
    expect(endpoints).toEqual(masked);
    const graphNodes = new Set([...texts.get('graph.graphml')!.matchAll(/<node id="([^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&')));
    expect(graphNodes).toEqual(new Set(ent.map((r) => r.entity_id!)));
    // Same rows, same evidence, in the same order: only the shown ids differ.
    const plainLinks = parseCsv(plain.get('links.csv')!);
    expect(links.length).toBe(plainLinks.length);
    const strip = (r: Record<string, string>): string => [r.type, r.evidence_no, r.source, r.file, r.file_sha256, r.row, r.record_id, r.record_sha256, r.observed_at].join('|');
    expect(links.map(strip).sort()).toEqual(plainLinks.map(strip).sort());
  });

  it('says in the manifest what was masked: counts and kinds, not values', () => {
    const m = JSON.parse(texts.get('manifest.json')!) as Manifest;
    expect(m.redaction.applied).toBe(true);
    expect(m.redaction.rule).toMatch(/third parties/);
    expect(m.redaction.masked!.entities).toBe(outsiders().length);
    const byKind: Record<string, number> = {};
    for (const o of outsiders()) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
    expect(m.redaction.masked!.byKind).toEqual(byKind);
    expect(texts.get('report.html')!).toMatch(/Third parties are masked/);
  });
});
