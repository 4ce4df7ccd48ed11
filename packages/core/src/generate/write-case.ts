/**
 * Writes a synthetic case: applications.csv, transactions.csv, calls.csv,
 * documents.csv (the four canonical sources) and truth.json (what was
 * planted). Applications, transactions and calls are streamed in date
 * order in one pass over the plan; background parties are derived from
 * their serials row by row, so memory stays flat at any size.
 *
 * Each file has its own random stream (derived from the seed and the file
 * name), so the bytes of one file depend only on the options.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RinglinkError } from '@ringlink/model';
import type { Rng } from '../rng.js';
import { createRng, hashSeed } from '../rng.js';
import { CsvSink } from './csv-sink.js';
import type { AccountValue, PhoneValue } from './identifiers.js';
import {
  Speller, accountEntityId, addDays, addressEntityId, corruptIban, documentEntityId, emailEntityId, impossibleDate, malformedCnic,
  malformedPhone, organizationEntityId, passportPersonEntityId, phoneEntityId,
} from './identifiers.js';
import type { GenerateOptions } from './options.js';
import { resolveGenerateOptions } from './options.js';
import {
  APPLICATION_CENTRES, BIG_AGENCY, BIG_AGENCY_STAFF, CONSULATES, IBAN_BANKS, LEGAL_SUFFIXES, TRANSLITERATIONS, VISA_TYPES,
} from './pools.js';
import type { ExpectedMerge, GroundTruth } from './truth.js';
import type { BackgroundPerson, Person, PlanRow, Ring, World } from './world.js';
import { DAYS, Defect, RowKind, Variant, buildWorld, derivePerson } from './world.js';

export const APPLICATION_COLUMNS = [
  'application_id', 'submitted_at', 'consulate', 'visa_type', 'applicant_name', 'applicant_dob', 'applicant_cnic',
  'applicant_passport_no', 'applicant_passport_country', 'applicant_phone', 'applicant_email', 'applicant_address',
  'agent_name', 'agent_phone', 'agent_cnic', 'agency_name', 'payment_account', 'statement_account', 'documents', 'decision',
] as const;
export const TRANSACTION_COLUMNS = ['txn_id', 'timestamp', 'from_account', 'from_holder', 'to_account', 'to_holder', 'amount', 'currency', 'reference'] as const;
export const CALL_COLUMNS = ['call_id', 'started_at', 'caller', 'callee', 'duration_s'] as const;
export const DOCUMENT_COLUMNS = ['doc_id', 'doc_type', 'number', 'issuer_country', 'holder_name', 'holder_cnic', 'status', 'seized_at', 'seized_from', 'case_ref'] as const;

export const CASE_FILES = ['applications.csv', 'transactions.csv', 'calls.csv', 'documents.csv', 'truth.json'] as const;

type AppField = (typeof APPLICATION_COLUMNS)[number];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const BIG_LANDLINE: PhoneValue = BIG_AGENCY.landline;

/**
 * Spells identifiers and remembers every spelling of the tracked ones
 * (truth.identifierSpellings). Tracked values are keyed by their raw
 * canonical value (phone digits, IBAN) so that untracked writes cost one
 * map lookup and no allocation.
 */
class Writer {
  readonly spell: Speller;
  constructor(rng: Rng, noise: number, private readonly tracked: Map<string, Set<string>>) {
    this.spell = new Speller(rng, noise);
  }
  phone(p: PhoneValue): string {
    const s = this.spell.phone(p);
    this.tracked.get(p.nsn)?.add(s);
    return s;
  }
  account(a: AccountValue): string {
    const s = this.spell.account(a);
    this.tracked.get(a.kind === 'iban' ? a.iban : accountEntityId(a))?.add(s);
    return s;
  }
  name(n: string): string {
    return this.spell.name(n, TRANSLITERATIONS);
  }
  cnic(c: string): string {
    return this.spell.cnic(c);
  }
  org(name: string): string {
    return this.spell.organization(name, LEGAL_SUFFIXES);
  }
  country(iso3: 'PAK' | 'AFG'): string {
    return iso3 === 'PAK' ? this.spell.country('PAK', 'PK', 'Pakistan') : this.spell.country('AFG', 'AF', 'Afghanistan');
  }
}

function ibanOf(a: AccountValue): string {
  if (a.kind !== 'iban') throw new RinglinkError('INTERNAL', 'generate: expected an IBAN account');
  return a.iban;
}

/** Day index → ISO date, computed once. */
function dayTable(startDate: string): string[] {
  return Array.from({ length: DAYS }, (_, d) => addDays(startDate, d));
}

function daySeconds(rng: Rng): number {
  return rng.int(8 * 3600, 22 * 3600 + 59 * 60);
}

function amount(n: number): string {
  return n.toFixed(2);
}

// ---------------------------------------------------------------------------
// applications.csv

interface ApplicationsOutput {
  sink: CsvSink;
  /** Person id of background person i (every one files at least one row). */
  backgroundIds: string[];
  households: GroundTruth['households'];
  /** Hub organizations and addresses actually written (hubs are only listed in the truth when present). */
  hubsUsed: Set<string>;
}

interface ApplicationsFile {
  sink: CsvSink;
  /** Writes plan row `idx`; `bp` is the derived person of a background row (derived once for all files). */
  add(idx: number, bp: BackgroundPerson | null): void;
  close(): Promise<ApplicationsOutput>;
}

function openApplications(world: World, path: string, w: Writer, rng: Rng, days: string[]): ApplicationsFile {
  const sink = CsvSink.open(path, APPLICATION_COLUMNS);
  const backgroundIds: string[] = new Array<string>(world.backgroundCount);
  const householdPairs: Array<{ head: number; member: number; shares: 'address' | 'phone' }> = [];
  const hubsUsed = new Set<string>();
  const { space } = world;
  const s = w.spell;
  const rowOf = (f: Record<AppField, string>): string[] => APPLICATION_COLUMNS.map((c) => f[c]);
  const centre = (consulate: number): string => {
    const text = APPLICATION_CENTRES[CONSULATES[consulate]!.city];
    hubsUsed.add(text);
    return text;
  };

  const identity = (p: Person, variant: Variant): { cnic: string; passport: string; country: string } => ({
    cnic: p.cnic === null || variant === Variant.PassportOnly ? '' : variant === Variant.MalformedCnic ? malformedCnic(p.cnic) : w.cnic(p.cnic),
    passport: s.passport(p.passport),
    country: w.country(p.passportCountry),
  });
  const docs = (p: Person, statement: string | null, letter: string | null, extra: boolean): string => {
    const parts = [`passport:${s.passport(p.passport)}`];
    if (statement) parts.push(`bank_statement:${s.docNumber(statement)}`);
    if (letter) parts.push(`employment_letter:${s.docNumber(letter)}`);
    if (extra) {
      if (rng.chance(0.6)) parts.push(`invitation:${s.docNumber(space.docNumber('INV', p.serial))}`);
      else parts.push(`sponsorship_letter:${s.docNumber(space.docNumber('SPL', p.serial))}`);
    }
    return parts.join(';');
  };
  const submitted = (r: PlanRow): string =>
    s.date(r.defect === Defect.BadSubmitted ? impossibleDate(days[r.day]!, rng) : days[r.day]!);
  const dob = (p: Person, r: PlanRow): string => s.date(r.defect === Defect.BadDob ? impossibleDate(p.dob, rng) : p.dob);
  const decision = (weights: number[]): string => (['approved', 'refused', 'pending'] as const)[rng.weighted(weights)]!;

  const honest = (p: Person, r: PlanRow, appId: string, bp: BackgroundPerson | null, noIdentity: boolean, ownPhone = false): string[] => {
    const c = r.consulate;
    let applicantPhone: string;
    if (r.defect === Defect.BadPhone) applicantPhone = malformedPhone(p.phone);
    else if (ownPhone) applicantPhone = w.phone(p.phone);
    else {
      const u = rng.next();
      applicantPhone = u < 0.33 ? w.phone(world.courierPhone) : u < 0.94 ? w.phone(p.phone) : '';
    }
    let agentName = '';
    let agentPhone = '';
    let agentCnic = '';
    let agency = '';
    if (bp?.agentMode === 'big') {
      agentName = rng.pick(BIG_AGENCY_STAFF);
      agentPhone = w.phone(BIG_LANDLINE);
      agency = s.organization(BIG_AGENCY.name, ['']);
      hubsUsed.add(BIG_AGENCY.name);
    } else if (bp?.agentMode === 'legit') {
      const la = world.legitAgents[bp.legitAgent]!;
      agentName = w.name(la.person.name);
      agentPhone = w.phone(la.person.phone);
      agentCnic = rng.chance(0.9) ? w.cnic(la.person.cnic!) : '';
      agency = w.org(la.agency);
    }
    let payment = '';
    if (r.defect === Defect.BadIban) payment = s.account({ kind: 'iban', iban: corruptIban(ibanOf(world.consulateAccounts[c]!)) });
    else if (rng.chance(0.95)) payment = w.account(world.consulateAccounts[c]!);
    const statement = p.hasStatement ? w.account(p.account) : '';
    const id = noIdentity ? { cnic: '', passport: '', country: '' } : identity(p, r.variant);
    const letter = rng.chance(0.5) ? space.docNumber('EL', p.serial) : null;
    let documents = docs(p, p.hasStatement ? ibanOf(p.account) : null, letter, rng.chance(0.35));
    if (noIdentity) documents = documents.split(';').slice(1).join(';');
    return rowOf({
      application_id: appId,
      submitted_at: submitted(r),
      consulate: CONSULATES[c]!.name,
      visa_type: VISA_TYPES[rng.weighted([0.45, 0.15, 0.15, 0.1, 0.15])]!,
      applicant_name: w.name(p.name),
      applicant_dob: dob(p, r),
      applicant_cnic: id.cnic,
      applicant_passport_no: id.passport,
      applicant_passport_country: id.country,
      applicant_phone: applicantPhone,
      applicant_email: p.hasEmail ? s.email(p.email) : '',
      applicant_address: rng.chance(0.2) ? s.text(centre(c)) : s.text(p.address),
      agent_name: agentName,
      agent_phone: agentPhone,
      agent_cnic: agentCnic,
      agency_name: agency,
      payment_account: payment,
      statement_account: statement,
      documents,
      decision: decision([0.65, 0.2, 0.15]),
    });
  };

  const ringRow = (r: PlanRow, appId: string): string[] => {
    const app = world.ringApplicants[r.ref]!;
    const ring = world.rings[app.ring]!;
    const p = app.person;
    const agent = ring.agents[app.agent]!;
    const ringPhone = ring.phones[app.ringPhone]!;
    let applicantPhone =
      app.phoneMode === 'agent' ? w.phone(ringPhone) : app.phoneMode === 'courier' ? w.phone(world.courierPhone) : w.phone(p.phone);
    let address = app.addressMode === 'shared' ? ring.sharedAddress! : app.addressMode === 'centre' ? centre(app.consulate) : p.address;
    let email = app.emailMode === 'ring' ? ring.email! : app.emailMode === 'own' ? p.email : '';
    if (app.noise?.field === 'applicant_phone') applicantPhone = w.phone(app.noise.phone);
    if (app.noise?.field === 'applicant_address') address = app.noise.address;
    if (app.noise?.field === 'applicant_email') email = app.noise.email;
    const statement = app.forgedStatement ? ring.statementAccount : p.account;
    const letter = app.letter === 'ring' ? ring.letterNumber : app.letter === 'own' ? space.docNumber('EL', p.serial) : null;
    const id = identity(p, r.variant);
    return rowOf({
      application_id: appId,
      submitted_at: submitted(r),
      consulate: CONSULATES[app.consulate]!.name,
      visa_type: app.visaType,
      applicant_name: w.name(p.name),
      applicant_dob: dob(p, r),
      applicant_cnic: id.cnic,
      applicant_passport_no: id.passport,
      applicant_passport_country: id.country,
      applicant_phone: applicantPhone,
      applicant_email: email ? s.email(email) : '',
      applicant_address: s.text(address),
      agent_name: w.name(agent.name),
      agent_phone: w.phone(ringPhone),
      agent_cnic: app.agentCnicListed ? w.cnic(agent.cnic!) : '',
      agency_name: app.agencyListed ? w.org(ring.agency) : '',
      payment_account: app.feeAccount >= 0 ? w.account(ring.feeAccounts[app.feeAccount]!) : w.account(world.consulateAccounts[app.consulate]!),
      statement_account: w.account(statement),
      documents: docs(p, ibanOf(statement), letter, rng.chance(0.2)),
      decision: decision([0.35, 0.45, 0.2]),
    });
  };

  const add = (idx: number, bp: BackgroundPerson | null): void => {
    const r = world.plan[idx]!;
    const appId = `APP-${pad(idx + 1, 7)}`;
    switch (r.kind) {
      case RowKind.Ring:
        sink.add(ringRow(r, appId));
        break;
      case RowKind.Background: {
        if (!bp) throw new RinglinkError('INTERNAL', 'generate: a background row needs its person');
        if (backgroundIds[r.ref] === undefined) {
          backgroundIds[r.ref] = bp.id;
          if (bp.household) householdPairs.push({ head: bp.household.head, member: r.ref, shares: bp.household.shares });
        }
        sink.add(honest(bp, r, appId, bp, false));
        break;
      }
      case RowKind.Broker: {
        const b = world.brokers[r.ref]!;
        sink.add(honest({ ...b.person, hasStatement: true, hasEmail: true }, r, appId, null, false, true));
        break;
      }
      case RowKind.NoIdentity:
      case RowKind.BadDate: {
        const p = derivePerson(world.space, r.ref);
        sink.add(honest(p, r, appId, null, r.kind === RowKind.NoIdentity));
        break;
      }
    }
  };
  const close = async (): Promise<ApplicationsOutput> => {
    await sink.close();
    householdPairs.sort((a, b) => a.member - b.member);
    const households = householdPairs.map((h) => ({ members: [backgroundIds[h.head]!, backgroundIds[h.member]!], shares: h.shares }));
    return { sink, backgroundIds, households, hubsUsed };
  };
  return { sink, add, close };
}

// ---------------------------------------------------------------------------
// transactions.csv and calls.csv: ring and broker events planned up front,
// background events derived day by day from the plan.

interface TxEvent {
  sec: number;
  from: AccountValue;
  fromHolder: string;
  to: AccountValue;
  toHolder: string;
  amount: number;
  currency: string;
  reference: string;
  /** Background events may be spoiled (bad rows); ring events never are. */
  spoilable: boolean;
}

interface CallEvent {
  sec: number;
  caller: PhoneValue;
  callee: PhoneValue;
  duration: number;
  spoilable: boolean;
}

const byDay = <T>(): T[][] => Array.from({ length: DAYS }, () => []);

function consulateHolder(c: number): string {
  return `${CONSULATES[c]!.name} Visa Fee Collection`;
}

function ringTransactions(world: World, rng: Rng): TxEvent[][] {
  const days = byDay<TxEvent>();
  const add = (e: Omit<TxEvent, 'sec' | 'spoilable'>, day = rng.int(0, DAYS - 1)): void => {
    days[day]!.push({ ...e, sec: daySeconds(rng), spoilable: false });
  };
  const refs = ['file charges', 'visa processing', 'advance', '', 'processing fee', 'balance'];
  for (const ring of world.rings) {
    const fee = (i: number): AccountValue => ring.feeAccounts[i % ring.feeAccounts.length]!;
    for (const app of ring.applicants) {
      if (app.forgedStatement || app.feeAccount < 0 || !rng.chance(0.6)) continue;
      add({ from: app.person.account, fromHolder: app.person.name, to: fee(app.feeAccount), toHolder: ring.agency, amount: rng.int(15, 90) * 10_000, currency: 'PKR', reference: rng.pick(refs) });
    }
    const transfers = 2 + Math.floor(ring.applicants.length / 3);
    for (let k = 0; k < transfers; k++) {
      // Every agent's personal account receives money at least once.
      const a = k < ring.agents.length ? k : rng.int(0, ring.agents.length - 1);
      add({ from: fee(rng.int(0, 1)), fromHolder: ring.agency, to: ring.personalAccounts[a]!, toHolder: ring.agents[a]!.name, amount: rng.int(20, 250) * 10_000, currency: 'PKR', reference: rng.pick(['', 'salary', 'commission', 'cash']) });
    }
    for (let k = rng.int(2, 5); k > 0; k--) {
      const c = rng.pick(ring.consulates);
      add({ from: fee(rng.int(0, 1)), fromHolder: ring.agency, to: world.consulateAccounts[c]!, toHolder: consulateHolder(c), amount: CONSULATES[c]!.fee * rng.int(2, 6), currency: 'PKR', reference: 'visa fees' });
    }
    if (ring.feeAccounts.length > 1) {
      for (let k = rng.int(2, 4); k > 0; k--) add({ from: ring.feeAccounts[1]!, fromHolder: ring.agency, to: ring.feeAccounts[0]!, toHolder: ring.agency, amount: rng.int(10, 120) * 10_000, currency: 'PKR', reference: '' });
    }
  }
  for (const b of world.brokers) {
    if (b.kind !== 'mule') continue;
    for (const ri of b.rings) {
      const ring = world.rings[ri]!;
      for (let k = rng.int(3, 6); k > 0; k--) {
        add({ from: rng.pick(ring.feeAccounts), fromHolder: ring.agency, to: b.person.account, toHolder: b.person.name, amount: rng.int(50, 300) * 10_000, currency: 'PKR', reference: rng.pick(['settlement', '', 'cash', 'goods']) });
      }
    }
    for (let k = rng.int(5, 10); k > 0; k--) {
      const onward = rng.pick(b.onward);
      add({ from: b.person.account, fromHolder: b.person.name, to: onward, toHolder: rng.pick(['Gulf Falcon General Trading LLC', 'Desert Rose Exchange LLC']), amount: rng.int(100, 900) * 10_000, currency: 'PKR', reference: rng.pick(['import payment', 'invoice', '']) });
    }
  }
  return days;
}

function ringCalls(world: World, rng: Rng): CallEvent[][] {
  const days = byDay<CallEvent>();
  const add = (caller: PhoneValue, callee: PhoneValue, long = false): void => {
    days[rng.int(0, DAYS - 1)]!.push({ sec: daySeconds(rng), caller, callee, duration: rng.int(5, long ? 1800 : 420), spoilable: false });
  };
  const both = (a: PhoneValue, b: PhoneValue, n: number, towardsB = 0.5): void => {
    for (let k = 0; k < n; k++) (rng.chance(towardsB) ? add(a, b) : add(b, a));
  };
  for (const ring of world.rings) {
    if (ring.phones.length > 1) {
      for (let k = rng.int(10, 30); k > 0; k--) {
        const [a, b] = rng.sample(ring.phones, 2) as [PhoneValue, PhoneValue];
        add(a, b, true);
      }
    }
    for (const app of ring.applicants) {
      if (app.phoneMode !== 'own' || app.noise?.field === 'applicant_phone') continue;
      both(ring.phones[app.ringPhone]!, app.person.phone, rng.int(1, 4), 0.6);
      if (rng.chance(0.3)) add(world.courierPhone, app.person.phone);
    }
  }
  for (const b of world.brokers) {
    for (const ri of b.rings) {
      for (const phone of world.rings[ri]!.phones) {
        if (b.kind === 'forger') both(phone, b.person.phone, rng.int(2, 6), 0.7);
        else if (b.kind === 'mule') both(phone, b.person.phone, rng.int(1, 3), 0.5);
        else both(phone, b.person.phone, rng.int(4, 10), 0.5);
      }
    }
  }
  const fixers = world.brokers.filter((b) => b.kind === 'fixer');
  const others = world.brokers.filter((b) => b.kind !== 'fixer');
  for (const f of fixers) for (const o of others) if (rng.chance(0.5)) both(f.person.phone, o.person.phone, rng.int(1, 3));
  return days;
}

/** Groups the plan's row indices by day (the plan is sorted by day). */
function planDays(plan: PlanRow[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = Array.from({ length: DAYS }, () => [0, 0]);
  let i = 0;
  for (let d = 0; d < DAYS; d++) {
    const start = i;
    while (i < plan.length && plan[i]!.day === d) i++;
    ranges[d] = [start, i];
  }
  return ranges;
}

interface EventFile<E> {
  sink: CsvSink;
  w: Writer;
  rng: Rng;
  /** Ring and broker events, by day; background events are added day by day. */
  days: E[][];
  bad: number;
}

/**
 * applications.csv, transactions.csv and calls.csv in one pass over the
 * plan (sorted by day), so each background person is derived once for all
 * three. Each file keeps its own random stream, so no file's bytes depend
 * on another's.
 */
async function writeRowFiles(
  world: World,
  paths: { applications: string; transactions: string; calls: string },
  writers: { applications: Writer; transactions: Writer; calls: Writer },
  rngs: { applications: Rng; transactions: Rng; calls: Rng },
  days: string[],
): Promise<{ applications: ApplicationsOutput; transactions: EventFile<TxEvent>; calls: EventFile<CallEvent> }> {
  const apps = openApplications(world, paths.applications, writers.applications, rngs.applications, days);
  const tx: EventFile<TxEvent> = {
    sink: CsvSink.open(paths.transactions, TRANSACTION_COLUMNS), w: writers.transactions, rng: rngs.transactions,
    days: ringTransactions(world, rngs.transactions.fork('ring')), bad: 0,
  };
  const calls: EventFile<CallEvent> = {
    sink: CsvSink.open(paths.calls, CALL_COLUMNS), w: writers.calls, rng: rngs.calls,
    days: ringCalls(world, rngs.calls.fork('ring')), bad: 0,
  };
  const ranges = planDays(world.plan);
  const n = world.backgroundCount;
  const badShare = world.options.badRows;
  let txSeq = 0;
  let callSeq = 0;

  const writeTx = (day: number, e: TxEvent, spoil: boolean): void => {
    const { w, rng } = tx;
    let from = w.account(e.from);
    let to = w.account(e.to);
    if (spoil) {
      // Only background events are spoiled, and background accounts are IBANs.
      if (rng.chance(0.5)) from = w.spell.account({ kind: 'iban', iban: corruptIban(ibanOf(e.from)) });
      else to = w.spell.account({ kind: 'iban', iban: corruptIban(ibanOf(e.to)) });
    }
    txSeq++;
    tx.sink.add([
      `TXN-${pad(txSeq, 8)}`, w.spell.dateTime(days[day]!, e.sec), from, w.name(e.fromHolder), to, w.name(e.toHolder), amount(e.amount), e.currency, e.reference,
    ]);
  };
  const writeCall = (day: number, e: CallEvent, spoil: boolean): void => {
    const { w, rng } = calls;
    let caller = w.phone(e.caller);
    let callee = w.phone(e.callee);
    if (spoil) {
      const junk = (p: PhoneValue): string => rng.pick(['PRIVATE', 'Unknown', malformedPhone(p), '+92 3']);
      if (rng.chance(0.5)) caller = junk(e.caller);
      else callee = junk(e.callee);
    }
    callSeq++;
    calls.sink.add([`CDR-${pad(callSeq, 8)}`, w.spell.dateTime(days[day]!, e.sec), caller, callee, String(e.duration)]);
  };

  for (let d = 0; d < DAYS; d++) {
    const txEvents = tx.days[d]!;
    const callEvents = calls.days[d]!;
    const [start, end] = ranges[d]!;
    for (let idx = start; idx < end; idx++) {
      const r = world.plan[idx]!;
      const p = r.kind === RowKind.Background ? world.background(r.ref) : null;
      apps.add(idx, p);
      if ((idx & 255) === 0) await apps.sink.drain();
      if (p === null) continue;
      // Money: the visa fee from the applicant's own account, now and then a private transfer, family support.
      const tr = tx.rng;
      if (p.hasStatement && tr.chance(0.5)) {
        const c = r.consulate;
        txEvents.push({ sec: daySeconds(tr), from: p.account, fromHolder: p.name, to: world.consulateAccounts[c]!, toHolder: consulateHolder(c), amount: CONSULATES[c]!.fee, currency: 'PKR', reference: `Visa fee APP-${pad(idx + 1, 7)}`, spoilable: true });
      }
      if (n > 1 && tr.chance(0.03)) {
        const j = tr.int(0, n - 1);
        if (j !== r.ref) {
          const q = world.background(j);
          txEvents.push({ sec: daySeconds(tr), from: p.account, fromHolder: p.name, to: q.account, toHolder: q.name, amount: tr.int(5, 200) * 1000, currency: 'PKR', reference: tr.pick(['loan', 'family support', '', 'rent']), spoilable: true });
        }
      }
      // Calls: the courier announcing a passport, a call to someone else, family.
      const cr = calls.rng;
      if (cr.chance(0.12)) callEvents.push({ sec: daySeconds(cr), caller: world.courierPhone, callee: p.phone, duration: cr.int(15, 120), spoilable: true });
      if (n > 1 && cr.chance(0.06)) {
        const q = world.background(cr.int(0, n - 1));
        if (q.phone.nsn !== p.phone.nsn) callEvents.push({ sec: daySeconds(cr), caller: p.phone, callee: q.phone, duration: cr.int(5, 900), spoilable: true });
      }
      if (p.household && r.variant === Variant.Full) {
        const head = world.background(p.household.head);
        if (tr.chance(0.3)) {
          txEvents.push({ sec: daySeconds(tr), from: head.account, fromHolder: head.name, to: p.account, toHolder: p.name, amount: tr.int(10, 150) * 1000, currency: 'PKR', reference: 'family support', spoilable: true });
        }
        if (p.household.shares === 'address' && cr.chance(0.5)) {
          callEvents.push({ sec: daySeconds(cr), caller: p.phone, callee: head.phone, duration: cr.int(20, 1200), spoilable: true });
        }
      }
    }
    txEvents.sort((a, b) => a.sec - b.sec);
    for (const e of txEvents) {
      const spoil = e.spoilable && tx.rng.chance(badShare);
      if (spoil) tx.bad++;
      writeTx(d, e, spoil);
    }
    callEvents.sort((a, b) => a.sec - b.sec);
    for (const e of callEvents) {
      const spoil = e.spoilable && calls.rng.chance(badShare);
      if (spoil) calls.bad++;
      writeCall(d, e, spoil);
    }
    tx.days[d] = [];
    calls.days[d] = [];
    await tx.sink.drain();
    await calls.sink.drain();
  }
  // Small cases: at least one defective row of each kind when bad rows are asked for.
  if (badShare > 0 && tx.bad === 0 && world.consulateAccounts.length > 0) {
    const p = derivePerson(world.space, world.freeSerial);
    writeTx(DAYS - 1, { sec: 23 * 3600, from: p.account, fromHolder: p.name, to: world.consulateAccounts[0]!, toHolder: consulateHolder(0), amount: CONSULATES[0]!.fee, currency: 'PKR', reference: 'visa fee', spoilable: true }, true);
    tx.bad++;
  }
  if (badShare > 0 && calls.bad === 0) {
    const p = derivePerson(world.space, world.freeSerial + 1);
    writeCall(DAYS - 1, { sec: 23 * 3600, caller: world.courierPhone, callee: p.phone, duration: 30, spoilable: true }, true);
    calls.bad++;
  }
  const applications = await apps.close();
  await tx.sink.close();
  await calls.sink.close();
  return { applications, transactions: tx, calls };
}

// ---------------------------------------------------------------------------
// documents.csv (seized documents)

interface Seized {
  day: number;
  tie: number;
  docType: 'passport' | 'bank_statement' | 'employment_letter' | 'invitation' | 'sponsorship_letter';
  number: string;
  issuer: 'PAK' | 'AFG';
  holder: Person;
  status: 'genuine' | 'forged' | 'suspect';
  seizedFrom: Person;
  caseRef: string;
}

async function writeDocuments(world: World, path: string, w: Writer, rng: Rng, days: string[]): Promise<CsvSink> {
  const seized: Seized[] = [];
  const { space } = world;
  let serial = world.freeSerial + 2;
  const add = (e: Omit<Seized, 'tie'>): void => {
    seized.push({ ...e, tie: rng.int(0, 0x7fffffff) });
  };
  for (const b of world.brokers) {
    if (b.kind !== 'forger') continue;
    const day = rng.int(200, DAYS - 1);
    const f = b.person;
    for (const ri of b.rings) {
      const ring = world.rings[ri]!;
      add({ day, docType: 'bank_statement', number: ibanOf(ring.statementAccount), issuer: 'PAK', holder: f, status: 'forged', seizedFrom: f, caseRef: b.caseRef });
      add({ day, docType: 'employment_letter', number: ring.letterNumber, issuer: 'PAK', holder: f, status: 'forged', seizedFrom: f, caseRef: b.caseRef });
    }
    for (let k = rng.int(2, 4); k > 0; k--) {
      const blank = space.iban(serial++, IBAN_BANKS, rng);
      add({ day, docType: 'bank_statement', number: ibanOf(blank), issuer: 'PAK', holder: f, status: 'forged', seizedFrom: f, caseRef: b.caseRef });
    }
    for (let k = rng.int(1, 3); k > 0; k--) {
      add({ day, docType: 'invitation', number: space.docNumber('INV', serial++), issuer: 'PAK', holder: f, status: 'suspect', seizedFrom: f, caseRef: b.caseRef });
    }
  }
  for (const ring of world.rings) {
    if (!rng.chance(0.5)) continue;
    const agent = ring.agents[0]!;
    const day = rng.int(150, DAYS - 1);
    const caseRef = `FIA/AHTC/${rng.pick(['LHR', 'GRW', 'ISB', 'KHI'])}/${days[0]!.slice(0, 4)}/${pad(rng.int(1, 999), 4)}`;
    for (const app of rng.sample(ring.applicants, rng.int(3, 8))) {
      add({ day, docType: 'passport', number: app.person.passport, issuer: 'PAK', holder: app.person, status: 'genuine', seizedFrom: agent, caseRef });
    }
    for (let k = rng.int(1, 2); k > 0; k--) {
      add({ day, docType: 'bank_statement', number: ibanOf(ring.statementAccount), issuer: 'PAK', holder: agent, status: 'forged', seizedFrom: agent, caseRef });
    }
  }
  for (let i = 0; i < world.backgroundCount; i++) {
    if (!rng.chance(0.01)) continue;
    const p = world.background(i);
    if (p.cnic === null) continue;
    add({ day: rng.int(0, DAYS - 1), docType: 'passport', number: p.passport, issuer: p.passportCountry, holder: p, status: rng.chance(0.8) ? 'genuine' : 'suspect', seizedFrom: p, caseRef: `FIA/IMM/${rng.pick(['ISB', 'LHE', 'KHI'])}-AIRPORT/${days[0]!.slice(0, 4)}/${pad(rng.int(1, 9999), 5)}` });
  }
  seized.sort((a, b) => a.day - b.day || a.tie - b.tie);
  const sink = CsvSink.open(path, DOCUMENT_COLUMNS);
  seized.forEach((e, k) => {
    sink.add([
      `DOC-${pad(k + 1, 6)}`,
      e.docType,
      e.docType === 'passport' ? w.spell.passport(e.number) : w.spell.docNumber(e.number),
      w.country(e.issuer),
      w.name(e.holder.name),
      e.holder.cnic ? w.cnic(e.holder.cnic) : '',
      e.status,
      w.spell.date(days[e.day]!),
      e.seizedFrom.cnic ? w.cnic(e.seizedFrom.cnic) : '',
      e.caseRef,
    ]);
  });
  await sink.close();
  return sink;
}

// ---------------------------------------------------------------------------
// truth

function ringIdentifiers(ring: Ring): string[] {
  const ids = [
    ...ring.phones.map(phoneEntityId),
    ...ring.feeAccounts.map(accountEntityId),
    ...ring.personalAccounts.map(accountEntityId),
    accountEntityId(ring.statementAccount),
    documentEntityId('bank_statement', 'PAK', ibanOf(ring.statementAccount)),
    documentEntityId('employment_letter', 'PAK', ring.letterNumber),
    organizationEntityId(ring.agency),
  ];
  if (ring.email) ids.push(emailEntityId(ring.email));
  if (ring.sharedAddress) ids.push(addressEntityId(ring.sharedAddress));
  return [...new Set(ids)];
}

/** Spelling sets of the tracked phones and accounts, keyed by raw value (see Writer), with their entity ids. */
interface Tracked {
  byValue: Map<string, Set<string>>;
  ids: Map<string, string>;
}

function trackedIdentifiers(world: World): Tracked {
  const byValue = new Map<string, Set<string>>();
  const ids = new Map<string, string>();
  const phone = (p: PhoneValue): void => {
    if (!byValue.has(p.nsn)) byValue.set(p.nsn, new Set());
    ids.set(p.nsn, phoneEntityId(p));
  };
  const account = (a: AccountValue): void => {
    const key = a.kind === 'iban' ? a.iban : accountEntityId(a);
    if (!byValue.has(key)) byValue.set(key, new Set());
    ids.set(key, accountEntityId(a));
  };
  for (const ring of world.rings) {
    ring.phones.forEach(phone);
    [...ring.feeAccounts, ...ring.personalAccounts, ring.statementAccount].forEach(account);
  }
  for (const b of world.brokers) {
    phone(b.person.phone);
    account(b.person.account);
    b.onward.forEach(account);
  }
  world.consulateAccounts.forEach(account);
  phone(world.courierPhone);
  phone(BIG_LANDLINE);
  for (let i = 0; i < Math.min(10, world.backgroundCount); i++) {
    const p = world.background(i);
    phone(p.phone);
    account(p.account);
  }
  return { byValue, ids };
}

function buildTruth(world: World, apps: ApplicationsOutput, files: GroundTruth['expected']['files'], tracked: Tracked): GroundTruth {
  const ringRows = new Map<number, number>();
  const merges: ExpectedMerge[] = [];
  const mergeSeen = new Set<string>();
  const merge = (p: Person, reason: ExpectedMerge['reason']): void => {
    const passportId = passportPersonEntityId(p.passportCountry, p.passport);
    const key = `${p.id}|${passportId}`;
    if (mergeSeen.has(key)) return;
    mergeSeen.add(key);
    merges.push({ ids: [p.id, passportId], reason });
  };
  const firstRow = new Set<number>();
  for (const r of world.plan) {
    if (r.kind === RowKind.Ring) {
      const app = world.ringApplicants[r.ref]!;
      ringRows.set(app.ring, (ringRows.get(app.ring) ?? 0) + 1);
      if (r.variant === Variant.PassportOnly) merge(app.person, 'passport-only-repeat');
    } else if (r.kind === RowKind.Background && r.variant !== Variant.Full) {
      const p = world.background(r.ref);
      const first = !firstRow.has(r.ref);
      if (r.variant === Variant.PassportOnly) merge(p, first ? 'passport-first-then-cnic' : 'passport-only-repeat');
      else merge(p, 'malformed-cnic-repeat');
    }
    if (r.kind === RowKind.Background) firstRow.add(r.ref);
  }
  const ringId = (i: number): string => world.rings[i]!.id;
  const brokerIdentifiers = (b: World['brokers'][number]): string[] => {
    const ids = [phoneEntityId(b.person.phone), accountEntityId(b.person.account)];
    if (b.kind === 'forger') {
      for (const ri of b.rings) {
        const ring = world.rings[ri]!;
        ids.push(documentEntityId('bank_statement', 'PAK', ibanOf(ring.statementAccount)), documentEntityId('employment_letter', 'PAK', ring.letterNumber));
      }
    }
    return ids;
  };
  const spellingsById = new Map<string, string[]>();
  for (const [value, set] of tracked.byValue) if (set.size > 0) spellingsById.set(tracked.ids.get(value)!, [...set].sort());
  const identifierSpellings: Record<string, string[]> = {};
  for (const id of [...spellingsById.keys()].sort()) identifierSpellings[id] = spellingsById.get(id)!;
  return {
    generator: { name: 'ringlink-generate', version: 1 },
    options: world.options,
    rings: world.rings.map((ring) => ({
      id: ring.id,
      agents: ring.agents.map((a) => a.id),
      applicants: ring.applicants.map((a) => a.person.id),
      identifiers: ringIdentifiers(ring),
      agency: organizationEntityId(ring.agency),
      sharedAddress: ring.sharedAddress,
      applications: ringRows.get(ring.index) ?? 0,
    })),
    brokers: world.brokers.map((b) => ({ id: b.person.id, kind: b.kind, name: b.person.name, rings: b.rings.map(ringId), identifiers: brokerIdentifiers(b) })),
    hubs: [
      ...[...world.consulateAccounts, world.courierPhone, BIG_LANDLINE]
        .map((v) => ('nsn' in v ? phoneEntityId(v) : accountEntityId(v)))
        .filter((id) => spellingsById.has(id)),
      ...(apps.hubsUsed.has(BIG_AGENCY.name) ? [organizationEntityId(BIG_AGENCY.name)] : []),
      ...Object.values(APPLICATION_CENTRES).filter((t) => apps.hubsUsed.has(t)).map(addressEntityId),
    ],
    background: apps.backgroundIds,
    legitimateAgents: world.legitAgents.map((la) => ({ id: la.person.id, agency: organizationEntityId(la.agency), phone: phoneEntityId(la.person.phone), applicants: la.applicants })),
    households: apps.households,
    noiseLinks: world.ringApplicants
      .filter((a) => a.noise !== null)
      .map((a) => {
        const noise = a.noise!;
        return {
          person: a.person.id,
          ring: world.rings[a.ring]!.id,
          field: noise.field,
          identifier: noise.field === 'applicant_phone' ? phoneEntityId(noise.phone) : noise.field === 'applicant_email' ? emailEntityId(noise.email) : addressEntityId(noise.address),
        };
      }),
    expected: { files, merges },
    identifierSpellings,
  };
}

// ---------------------------------------------------------------------------

export interface WriteCaseResult {
  /** Absolute paths of the files written, in CASE_FILES order. */
  files: string[];
  /** Data rows per source, plus the planted counts. */
  counts: Record<string, number>;
  truth: GroundTruth;
}

/**
 * Generates a synthetic case into `outDir` (created if missing; existing
 * case files are overwritten). Same options, same bytes.
 */
export async function writeCase(outDir: string, options: Partial<GenerateOptions> = {}): Promise<WriteCaseResult> {
  const resolved = resolveGenerateOptions(options);
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const world = buildWorld(resolved);
  const days = dayTable(resolved.startDate);
  const tracked = trackedIdentifiers(world);
  const noise = resolved.spellingNoise;
  const fileRng = (name: string): Rng => createRng(hashSeed(resolved.seed, 'file', name));
  const writer = (name: string): Writer => new Writer(fileRng(`${name}:spell`), noise, tracked.byValue);
  const paths = CASE_FILES.map((f) => join(dir, f));

  const rowFiles = await writeRowFiles(
    world,
    { applications: paths[0]!, transactions: paths[1]!, calls: paths[2]! },
    { applications: writer('applications'), transactions: writer('transactions'), calls: writer('calls') },
    { applications: fileRng('applications'), transactions: fileRng('transactions'), calls: fileRng('calls') },
    days,
  );
  const apps = rowFiles.applications;
  const txns = rowFiles.transactions;
  const calls = rowFiles.calls;
  const docs = await writeDocuments(world, paths[3]!, writer('documents'), fileRng('documents'), days);

  let quarantined = 0;
  let fieldDropped = 0;
  for (const r of world.plan) {
    if (r.kind === RowKind.NoIdentity || r.kind === RowKind.BadDate) quarantined++;
    else if (r.defect === Defect.BadIban || r.defect === Defect.BadPhone || r.variant === Variant.MalformedCnic) fieldDropped++;
  }
  const files: GroundTruth['expected']['files'] = {
    'applications.csv': { rows: apps.sink.rows, quarantined, fieldDropped },
    'transactions.csv': { rows: txns.sink.rows, quarantined: txns.bad, fieldDropped: 0 },
    'calls.csv': { rows: calls.sink.rows, quarantined: calls.bad, fieldDropped: 0 },
    'documents.csv': { rows: docs.rows, quarantined: 0, fieldDropped: 0 },
  };
  const truth = buildTruth(world, apps, files, tracked);
  await writeFile(paths[4]!, `${JSON.stringify(truth, null, 2)}\n`, 'utf8');
  return {
    files: paths,
    counts: {
      applications: apps.sink.rows,
      transactions: txns.sink.rows,
      calls: calls.sink.rows,
      documents: docs.rows,
      rings: world.rings.length,
      brokers: world.brokers.length,
      background: world.backgroundCount,
    },
    truth,
  };
}
