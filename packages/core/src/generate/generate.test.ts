import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isRinglinkError, normalizeAccount, normalizeAddress, normalizeCnic, normalizePhone, organizationKey,
  type NormalizeResult,
} from '@ringlink/model';
import {
  APPLICATION_COLUMNS, CALL_COLUMNS, CASE_FILES, DOCUMENT_COLUMNS, GENERATE_DEFAULTS, TRANSACTION_COLUMNS,
  resolveGenerateOptions, writeCase, type GroundTruth,
} from './index.js';

type Row = Record<string, string>;

/** Mod-97 written independently of the generator (BigInt over the numeric form). */
function ibanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const numeric = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(numeric) % 97n === 1n;
}
const looksLikeIban = (raw: string): boolean => /^[A-Z]{2}\d{2}/.test(raw.replace(/\s+/g, '').toUpperCase());

const value = <T>(r: NormalizeResult<T>): T | undefined => (r.ok ? r.value : undefined);
const phoneId = (raw: string): string | undefined => {
  const p = value(normalizePhone(raw));
  return p ? `phone:${p.e164}` : undefined;
};
const accountId = (raw: string): string | undefined => {
  const a = value(normalizeAccount(raw));
  if (!a) return undefined;
  return a.kind === 'iban' ? `account:${a.iban}` : `account:${a.bankCode}:${a.number}`;
};
const cnicId = (raw: string): string | undefined => {
  const c = value(normalizeCnic(raw));
  return c ? `person:cnic:${c}` : undefined;
};
const addressId = (raw: string): string | undefined => {
  const a = value(normalizeAddress(raw));
  return a ? `address:${a.key}` : undefined;
};

interface Case {
  dir: string;
  truth: GroundTruth;
  counts: Record<string, number>;
  bytes: Record<string, Buffer>;
  apps: Row[];
  txns: Row[];
  calls: Row[];
  docs: Row[];
}

const dirs: string[] = [];
async function makeCase(options: Parameters<typeof writeCase>[1]): Promise<Case> {
  const dir = await mkdtemp(join(tmpdir(), 'ringlink-generate-'));
  dirs.push(dir);
  const result = await writeCase(dir, options);
  const bytes: Record<string, Buffer> = {};
  for (const f of CASE_FILES) bytes[f] = await readFile(join(dir, f));
  const rows = (f: string): Row[] => parse(bytes[f]!, { columns: true }) as Row[];
  const truth = JSON.parse(bytes['truth.json']!.toString('utf8')) as GroundTruth;
  expect(result.truth).toEqual(truth);
  expect(result.files).toEqual(CASE_FILES.map((f) => join(dir, f)));
  return {
    dir, truth, counts: result.counts, bytes,
    apps: rows('applications.csv'), txns: rows('transactions.csv'), calls: rows('calls.csv'), docs: rows('documents.csv'),
  };
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const SMALL = { seed: 7, rings: 4, brokers: 3, background: 80 } as const;

describe('writeCase', () => {
  let c: Case;
  beforeAll(async () => {
    c = await makeCase(SMALL);
  });

  it('is deterministic: the same options give the same bytes, another seed other bytes', async () => {
    const again = await makeCase(SMALL);
    for (const f of CASE_FILES) expect(again.bytes[f]!.equals(c.bytes[f]!), f).toBe(true);
    const other = await makeCase({ ...SMALL, seed: 8 });
    for (const f of CASE_FILES) expect(other.bytes[f]!.equals(c.bytes[f]!), f).toBe(false);
  });

  it('writes the canonical headers, in order', () => {
    const header = (f: string): string => c.bytes[f]!.toString('utf8').split('\n')[0]!;
    expect(header('applications.csv')).toBe(APPLICATION_COLUMNS.join(','));
    expect(header('transactions.csv')).toBe(TRANSACTION_COLUMNS.join(','));
    expect(header('calls.csv')).toBe(CALL_COLUMNS.join(','));
    expect(header('documents.csv')).toBe(DOCUMENT_COLUMNS.join(','));
    expect(APPLICATION_COLUMNS).toEqual([
      'application_id', 'submitted_at', 'consulate', 'visa_type', 'applicant_name', 'applicant_dob', 'applicant_cnic',
      'applicant_passport_no', 'applicant_passport_country', 'applicant_phone', 'applicant_email', 'applicant_address',
      'agent_name', 'agent_phone', 'agent_cnic', 'agency_name', 'payment_account', 'statement_account', 'documents', 'decision',
    ]);
    expect(TRANSACTION_COLUMNS).toEqual(['txn_id', 'timestamp', 'from_account', 'from_holder', 'to_account', 'to_holder', 'amount', 'currency', 'reference']);
    expect(CALL_COLUMNS).toEqual(['call_id', 'started_at', 'caller', 'callee', 'duration_s']);
    expect(DOCUMENT_COLUMNS).toEqual(['doc_id', 'doc_type', 'number', 'issuer_country', 'holder_name', 'holder_cnic', 'status', 'seized_at', 'seized_from', 'case_ref']);
  });

  it('writes exactly what csv-stringify would write for the same records', () => {
    for (const f of ['applications.csv', 'transactions.csv', 'calls.csv', 'documents.csv']) {
      const records = parse(c.bytes[f]!, { columns: false }) as string[][];
      expect(stringify(records), f).toBe(c.bytes[f]!.toString('utf8'));
    }
  });

  it('has as many rows as the truth expects, and counts them', () => {
    expect(c.apps.length).toBe(c.truth.expected.files['applications.csv']!.rows);
    expect(c.txns.length).toBe(c.truth.expected.files['transactions.csv']!.rows);
    expect(c.calls.length).toBe(c.truth.expected.files['calls.csv']!.rows);
    expect(c.docs.length).toBe(c.truth.expected.files['documents.csv']!.rows);
    expect(c.counts).toMatchObject({ applications: c.apps.length, transactions: c.txns.length, calls: c.calls.length, documents: c.docs.length, rings: 4, brokers: 3, background: 80 });
    expect(c.truth.background).toHaveLength(80);
    expect(c.truth.options).toEqual(resolveGenerateOptions(SMALL));
  });

  it('uses valid values in every column it does not spoil on purpose', () => {
    const decisions = new Set(['approved', 'refused', 'pending']);
    const docTypes = new Set(['passport', 'bank_statement', 'employment_letter', 'invitation', 'sponsorship_letter']);
    for (const r of c.apps) {
      expect(decisions.has(r.decision!)).toBe(true);
      for (const item of r.documents!.split(';').filter(Boolean)) {
        const [type, number] = item.split(':') as [string, string];
        expect(docTypes.has(type), item).toBe(true);
        expect(number).toMatch(/^[A-Za-z0-9 ]{3,40}$/);
      }
      if (r.statement_account) expect(ibanValid(r.statement_account), r.statement_account).toBe(true);
      if (r.agent_phone) expect(phoneId(r.agent_phone), r.agent_phone).toBeDefined();
      if (r.agent_cnic) expect(cnicId(r.agent_cnic), r.agent_cnic).toBeDefined();
      if (r.applicant_passport_no) expect(r.applicant_passport_no.replace(/\s/g, '')).toMatch(/^[A-Za-z]{2}\d{7}$/);
    }
    for (const r of c.docs) {
      expect(['genuine', 'forged', 'suspect']).toContain(r.status);
      expect(docTypes.has(r.doc_type!)).toBe(true);
    }
    for (const r of c.txns) expect(Number(r.amount)).toBeGreaterThan(0);
    for (const r of c.calls) expect(Number.isInteger(Number(r.duration_s))).toBe(true);
  });

  it('plants IBANs with correct checksums; only the planted bad ones fail', () => {
    const all = [
      ...c.apps.flatMap((r) => [r.payment_account!, r.statement_account!]),
      ...c.txns.flatMap((r) => [r.from_account!, r.to_account!]),
    ].filter((v) => v && looksLikeIban(v));
    expect(all.length).toBeGreaterThan(100);
    const badPayments = c.apps.filter((r) => r.payment_account && looksLikeIban(r.payment_account) && !ibanValid(r.payment_account)).length;
    const badTxns = c.txns.filter((r) => [r.from_account!, r.to_account!].some((v) => looksLikeIban(v) && !ibanValid(v))).length;
    expect(badPayments).toBeGreaterThan(0);
    expect(badPayments).toBeLessThanOrEqual(c.truth.expected.files['applications.csv']!.fieldDropped);
    expect(badTxns).toBe(c.truth.expected.files['transactions.csv']!.quarantined);
    for (const id of Object.keys(c.truth.identifierSpellings).filter((i) => /^account:[A-Z]{2}\d{2}/.test(i))) {
      expect(ibanValid(id.slice('account:'.length)), id).toBe(true);
    }
    // Some accounts are local, not IBANs (agents' personal accounts).
    expect(c.txns.some((r) => /^[A-Za-z]{3}[ -]/.test(r.to_account!))).toBe(true);
  });

  it('plants each ring in the applications: agents, shared phones, fee accounts, forged statement, letter, agency', () => {
    expect(c.truth.rings.map((r) => r.id)).toEqual(['P-01', 'P-02', 'P-03', 'P-04']);
    for (const ring of c.truth.rings) {
      expect(ring.applicants.length).toBeGreaterThanOrEqual(6);
      expect(ring.applicants.length).toBeLessThanOrEqual(30);
      expect(ring.agents.length).toBeGreaterThanOrEqual(1);
      const applicantIds = new Set(ring.applicants);
      const rows = c.apps.filter((r) => applicantIds.has(cnicId(r.applicant_cnic!) ?? ''));
      expect(rows.length, ring.id).toBeGreaterThanOrEqual(ring.applicants.length);
      const phones = ring.identifiers.filter((i) => i.startsWith('phone:'));
      expect(phones.length).toBeGreaterThanOrEqual(1);
      expect(phones.length).toBeLessThanOrEqual(2);
      const agentPhones = new Set(rows.map((r) => phoneId(r.agent_phone!)));
      for (const p of phones) expect(agentPhones.has(p), `${ring.id} agent phone ${p}`).toBe(true);
      const asOwn = rows.filter((r) => phones.includes(phoneId(r.applicant_phone!) ?? '')).length;
      expect(asOwn / rows.length, `${ring.id} applicants giving an agent phone as their own`).toBeGreaterThan(0.25);
      const agentCnics = new Set(rows.map((r) => cnicId(r.agent_cnic!)));
      for (const a of ring.agents) expect(agentCnics.has(a), `${ring.id} agent ${a}`).toBe(true);
      const payments = new Set(rows.map((r) => accountId(r.payment_account!)));
      expect(ring.identifiers.filter((i) => i.startsWith('account:') && payments.has(i)).length, `${ring.id} fee account`).toBeGreaterThanOrEqual(1);
      const statement = ring.identifiers.find((i) => i.startsWith('document:bank_statement:'))!;
      const statementAccount = `account:${statement.split(':').pop()}`;
      expect(ring.identifiers).toContain(statementAccount);
      expect(rows.filter((r) => accountId(r.statement_account!) === statementAccount).length, `${ring.id} forged statement`).toBeGreaterThanOrEqual(2);
      const letter = ring.identifiers.find((i) => i.startsWith('document:employment_letter:'))!.split(':').pop()!;
      expect(rows.filter((r) => r.documents!.toUpperCase().includes(`EMPLOYMENT_LETTER:${letter}`)).length, `${ring.id} letter`).toBeGreaterThanOrEqual(1);
      expect(rows.some((r) => r.documents!.toUpperCase().includes(`BANK_STATEMENT:${statement.split(':').pop()}`))).toBe(true);
      expect(rows.some((r) => r.agency_name && `organization:${organizationKey(r.agency_name)}` === ring.agency)).toBe(true);
      if (ring.sharedAddress) expect(rows.some((r) => addressId(r.applicant_address!) === addressId(ring.sharedAddress!))).toBe(true);
      // Repeat rows filed with the passport only belong to the ring too.
      const passports = new Set(rows.map((r) => r.applicant_passport_no!.replace(/\s/g, '').toUpperCase()));
      const passportOnly = c.apps.filter((r) => r.applicant_cnic === '' && passports.has(r.applicant_passport_no!.replace(/\s/g, '').toUpperCase()));
      expect(ring.applications).toBe(rows.length + passportOnly.length);
    }
  });

  it('moves ring money to the agents and connects ring agents by phone', () => {
    for (const ring of c.truth.rings) {
      const accounts = new Set(ring.identifiers.filter((i) => i.startsWith('account:')));
      const internal = c.txns.filter((t) => accounts.has(accountId(t.from_account!) ?? '') && accounts.has(accountId(t.to_account!) ?? ''));
      expect(internal.length, `${ring.id} fee → personal`).toBeGreaterThan(0);
      const phones = new Set(ring.identifiers.filter((i) => i.startsWith('phone:')));
      expect(c.calls.filter((k) => phones.has(phoneId(k.caller!) ?? '') || phones.has(phoneId(k.callee!) ?? '')).length).toBeGreaterThan(0);
    }
  });

  it('plants brokers that connect several rings (forger, mule, fixer)', () => {
    expect(c.truth.brokers.map((b) => b.kind)).toEqual(['forger', 'mule', 'fixer']);
    const ringById = new Map(c.truth.rings.map((r) => [r.id, r]));
    const ringPhones = (id: string): Set<string> => new Set(ringById.get(id)!.identifiers.filter((i) => i.startsWith('phone:')));
    for (const b of c.truth.brokers) {
      expect(b.rings.length).toBeGreaterThanOrEqual(2);
      expect(b.id).toMatch(/^person:cnic:\d{13}$/);
      const phone = b.identifiers.find((i) => i.startsWith('phone:'))!;
      const account = b.identifiers.find((i) => i.startsWith('account:'))!;
      // The broker's own application ties the person to the phone and the account; never as a ring applicant.
      const own = c.apps.filter((r) => cnicId(r.applicant_cnic!) === b.id);
      expect(own).toHaveLength(1);
      expect(phoneId(own[0]!.applicant_phone!)).toBe(phone);
      expect(accountId(own[0]!.statement_account!)).toBe(account);
      for (const ring of c.truth.rings) expect(ring.applicants).not.toContain(b.id);
      const calledBy = (ringId: string): number => {
        const rp = ringPhones(ringId);
        return c.calls.filter((k) => {
          const a = phoneId(k.caller!);
          const z = phoneId(k.callee!);
          return (a === phone && rp.has(z ?? '')) || (z === phone && rp.has(a ?? ''));
        }).length;
      };
      if (b.kind === 'forger' || b.kind === 'fixer') for (const r of b.rings) expect(calledBy(r), `${b.kind} ↔ ${r}`).toBeGreaterThan(0);
      if (b.kind === 'forger') {
        const seized = c.docs.filter((d) => cnicId(d.holder_cnic!) === b.id);
        for (const r of b.rings) {
          const statement = ringById.get(r)!.identifiers.find((i) => i.startsWith('document:bank_statement:'))!.split(':').pop()!;
          expect(seized.some((d) => d.status === 'forged' && d.number!.toUpperCase() === statement), `forged statement of ${r}`).toBe(true);
          expect(b.identifiers).toContain(`document:bank_statement:PAK:${statement}`);
        }
        expect(seized.every((d) => cnicId(d.seized_from!) === b.id)).toBe(true);
      }
      if (b.kind === 'mule') {
        for (const r of b.rings) {
          const fees = new Set(ringById.get(r)!.identifiers.filter((i) => i.startsWith('account:')));
          expect(c.txns.some((t) => fees.has(accountId(t.from_account!) ?? '') && accountId(t.to_account!) === account), `fees of ${r} → mule`).toBe(true);
        }
      }
    }
  });

  it('plants hubs: consulate fee accounts, a courier phone on about a third of applications, application centres', () => {
    const hubs = new Set(c.truth.hubs);
    const courier = c.truth.hubs.filter((h) => h.startsWith('phone:'));
    expect(courier.length).toBe(2); // courier and the big agency's landline
    const courierRows = c.apps.filter((r) => [r.applicant_phone!, r.agent_phone!].some((p) => p && phoneId(p) === courier[0])).length;
    const share = courierRows / c.apps.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.45);
    const feeRows = c.apps.filter((r) => hubs.has(accountId(r.payment_account!) ?? '')).length;
    expect(feeRows / c.apps.length).toBeGreaterThan(0.6);
    expect(c.txns.filter((t) => hubs.has(accountId(t.to_account!) ?? '')).length).toBeGreaterThan(20);
    const centreRows = c.apps.filter((r) => hubs.has(addressId(r.applicant_address!) ?? '')).length;
    expect(centreRows).toBeGreaterThan(10);
    expect(c.truth.hubs.some((h) => h.startsWith('organization:'))).toBe(true);
  });

  it('records every spelling of sampled phones and accounts, and each normalizes to its entity', () => {
    const entries = Object.entries(c.truth.identifierSpellings);
    expect(entries.length).toBeGreaterThan(20);
    let varied = 0;
    for (const [id, forms] of entries) {
      if (forms.length > 1) varied++;
      for (const form of forms) {
        const got = id.startsWith('phone:') ? phoneId(form) : accountId(form);
        expect(got, `${form} → ${id}`).toBe(id);
      }
    }
    expect(varied).toBeGreaterThan(5);
    const courier = c.truth.identifierSpellings[c.truth.hubs.find((h) => h.startsWith('phone:'))!]!;
    expect(courier.length).toBeGreaterThanOrEqual(5);
  });

  it('writes identifiers, names and dates in many spellings', () => {
    const appPhones = c.apps.map((r) => r.applicant_phone!).filter(Boolean);
    expect(appPhones.some((p) => /^03\d\d-\d{7}$/.test(p))).toBe(true);
    expect(appPhones.some((p) => /^\+92 3\d\d \d{7}$/.test(p))).toBe(true);
    expect(appPhones.some((p) => /^\(03\d\d\) \d{3} \d{4}$/.test(p))).toBe(true);
    expect(appPhones.some((p) => /^923\d{9}$/.test(p))).toBe(true);
    const cnics = c.apps.map((r) => r.applicant_cnic!).filter(Boolean);
    expect(cnics.some((v) => /^\d{5}-\d{7}-\d$/.test(v))).toBe(true);
    expect(cnics.some((v) => /^\d{13}$/.test(v))).toBe(true);
    const accounts = c.apps.map((r) => r.statement_account!).filter(Boolean);
    expect(accounts.some((v) => / /.test(v))).toBe(true);
    expect(accounts.some((v) => /^pk/.test(v))).toBe(true);
    expect(c.apps.some((r) => /^[a-z]{2} ?\d{7}$/.test(r.applicant_passport_no!))).toBe(true);
    expect(c.apps.some((r) => /[A-Z]/.test(r.applicant_email!))).toBe(true);
    expect(c.apps.some((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r.submitted_at!))).toBe(true);
    expect(c.apps.some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.submitted_at!))).toBe(true);
    expect(c.apps.some((r) => /\b(Mohammad|Mohammed|Md\.|Muhammed|Mohd)\b/i.test(r.applicant_name!))).toBe(true);
    expect(c.apps.some((r) => r.applicant_name === r.applicant_name!.toUpperCase())).toBe(true);
    expect(new Set(c.apps.map((r) => r.applicant_passport_country)).size).toBeGreaterThan(2);
  });

  it('plants repeat applicants, including a passport seen alone before its CNIC holder', () => {
    const merges = c.truth.expected.merges;
    expect(merges.length).toBeGreaterThan(0);
    const first = merges.find((m) => m.reason === 'passport-first-then-cnic')!;
    expect(first).toBeDefined();
    const [cnicPerson, passportPerson] = first.ids as [string, string];
    expect(cnicPerson).toMatch(/^person:cnic:/);
    const passport = passportPerson.split(':').pop()!;
    const rows = c.apps.filter((r) => r.applicant_passport_no!.replace(/\s/g, '').toUpperCase() === passport);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.applicant_cnic).toBe('');
    expect(cnicId(rows[1]!.applicant_cnic!)).toBe(cnicPerson);
    for (const m of merges) expect(m.ids[0]).toMatch(/^person:cnic:/);
  });

  it('plants bad rows: missing identity and impossible dates (quarantined), a bad IBAN or phone or CNIC (field dropped)', () => {
    const e = c.truth.expected.files;
    expect(e['applications.csv']!.quarantined).toBeGreaterThanOrEqual(2);
    expect(e['applications.csv']!.fieldDropped).toBeGreaterThanOrEqual(2);
    expect(e['transactions.csv']!.quarantined).toBeGreaterThanOrEqual(1);
    expect(e['calls.csv']!.quarantined).toBeGreaterThanOrEqual(1);
    expect(c.apps.some((r) => r.applicant_cnic === '' && r.applicant_passport_no === '')).toBe(true);
    const impossible = /(^|\D)(30|31)[/-]02[/-]|-02-3[01]$|-0[469]-31$|-11-31$|(^|\D)31\/(04|06|09|11)\//;
    expect(c.apps.some((r) => impossible.test(r.submitted_at!) || impossible.test(r.applicant_dob!) || /-02-29$|^29\/02\//.test(r.applicant_dob!))).toBe(true);
    const badPhones = c.calls.filter((k) => [k.caller!, k.callee!].some((p) => phoneId(p) === undefined)).length;
    expect(badPhones).toBe(e['calls.csv']!.quarantined);
  });
});

describe('writeCase options', () => {
  it('writes canonical spellings only with spellingNoise 0, and no bad rows with badRows 0', async () => {
    const c = await makeCase({ seed: 3, rings: 2, brokers: 1, background: 30, spellingNoise: 0, badRows: 0 });
    for (const r of c.apps) {
      for (const p of [r.applicant_phone!, r.agent_phone!].filter(Boolean)) expect(p).toMatch(/^0\d{2,3}-\d{7,8}$/);
      if (r.applicant_cnic) expect(r.applicant_cnic).toMatch(/^\d{5}-\d{7}-\d$/);
      expect(r.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r.statement_account) expect(r.statement_account).toMatch(/^PK\d{2}[A-Z]{4}\d{16}$/);
    }
    for (const f of Object.values(c.truth.expected.files)) expect(f).toMatchObject({ quarantined: 0, fieldDropped: 0 });
    expect(c.truth.expected.merges.length).toBeGreaterThan(0);
    expect(c.truth.expected.merges.some((m) => m.reason === 'malformed-cnic-repeat')).toBe(false);
  });

  it('scales the background to a target number of application rows', async () => {
    const c = await makeCase({ seed: 5, rings: 3, brokers: 1, applications: 800 });
    expect(Math.abs(c.apps.length - 800) / 800).toBeLessThan(0.03);
    expect(c.truth.options.applications).toBe(800);
    expect(c.truth.options.background).toBe(c.truth.background.length);
  });

  it('adds link noise to ring applicants when asked', async () => {
    const none = await makeCase({ seed: 4, rings: 3, brokers: 1, background: 20, linkNoise: 0 });
    expect(none.truth.noiseLinks).toEqual([]);
    const noisy = await makeCase({ seed: 4, rings: 3, brokers: 1, background: 20, linkNoise: 1 });
    const ringApplicants = noisy.truth.rings.reduce((n, r) => n + r.applicants.length, 0);
    expect(noisy.truth.noiseLinks.length).toBe(ringApplicants);
  });

  it('resolves defaults and rejects bad values with "generate:" messages', () => {
    expect(GENERATE_DEFAULTS).toMatchObject({ seed: 1, rings: 6, brokers: 3, background: 240 });
    expect(resolveGenerateOptions({})).toEqual(GENERATE_DEFAULTS);
    expect(resolveGenerateOptions({ rings: 10 }).background).toBe(400);
    expect(resolveGenerateOptions({ rings: 10, background: 5 }).background).toBe(5);
    expect(resolveGenerateOptions({ seed: undefined, rings: 2 }).seed).toBe(1);
    const bad: Array<Record<string, unknown>> = [
      { rings: -1 }, { rings: 1.5 }, { spellingNoise: 2 }, { linkNoise: -0.1 }, { badRows: 'x' }, { seed: 1.5 },
      { startDate: '2024-02-30' }, { startDate: 'yesterday' }, { rings: 1, brokers: 1 }, { applications: 0 }, { colour: 'red' },
    ];
    for (const options of bad) {
      let error: unknown;
      try {
        resolveGenerateOptions(options as never);
      } catch (err) {
        error = err;
      }
      expect(isRinglinkError(error, 'INVALID_ARGUMENT'), JSON.stringify(options)).toBe(true);
      expect((error as Error).message, JSON.stringify(options)).toMatch(/^generate: /);
    }
  });
});
