/**
 * The planted world of a synthetic case: parties (derived from serials),
 * rings, brokers, hubs, legitimate agents, and the plan of application rows
 * (which person files on which day, in which variant, with which defect).
 *
 * Background persons are never stored: person i is derived from its serial
 * whenever a row needs it, so the plan of a 2-million-row case is one small
 * record per row.
 */
import type { Rng } from '../rng.js';
import { createRng, hashSeed } from '../rng.js';
import type { AccountValue, PhoneValue } from './identifiers.js';
import { IdentifierSpace, addDays, cnicPersonEntityId, passportPersonEntityId } from './identifiers.js';
import type { GenerateOptions } from './options.js';
import type { Origin } from './pools.js';
import {
  AGENCY_WORDS_1, AGENCY_WORDS_2, AREAS, CNIC_DISTRICTS, CONSULATES, EMAIL_DOMAINS, FIRST_NAMES, IBAN_BANKS,
  LAST_NAMES, LEGIT_AGENCY_KINDS, LOCAL_BANKS, MOBILE_PREFIXES, PASSPORT_LETTERS, RING_AGENCY_KINDS,
} from './pools.js';
import type { BrokerKind } from './truth.js';

export const DAYS = 365;

export interface Person {
  serial: number;
  /** Canonical truth id: person:cnic:… or, without a CNIC, person:passport:…. */
  id: string;
  name: string;
  female: boolean;
  dob: string;
  cnic: string | null;
  passport: string;
  passportCountry: 'PAK' | 'AFG';
  phone: PhoneValue;
  email: string;
  address: string;
  /** The person's own bank account (IBAN); listed as statement account when hasStatement. */
  account: AccountValue;
  hasStatement: boolean;
  hasEmail: boolean;
}

/** What is decided about background person i before the person is derived (cheap: no identifiers). */
export interface BackgroundProfile {
  /** No CNIC, only an Afghan passport. */
  noCnic: boolean;
  /** Index of the household head (i − 1) when the person shares the head's address or phone. */
  household: { head: number; shares: 'address' | 'phone' } | null;
  /** How the person applies: alone, through the big agency, or through a legitimate small agent. */
  agentMode: 'none' | 'big' | 'legit';
  legitAgent: number;
}

export interface BackgroundPerson extends Person, BackgroundProfile {}

export interface RingApplicant {
  person: Person;
  ring: number;
  phoneMode: 'agent' | 'own' | 'courier';
  ringPhone: number;
  agent: number;
  agentCnicListed: boolean;
  agencyListed: boolean;
  /** Index into the ring's fee accounts, or -1: paid to the consulate fee account. */
  feeAccount: number;
  forgedStatement: boolean;
  letter: 'ring' | 'own' | 'none';
  addressMode: 'shared' | 'centre' | 'own';
  emailMode: 'own' | 'ring' | 'none';
  consulate: number;
  visaType: string;
  noise: { field: 'applicant_phone'; phone: PhoneValue } | { field: 'applicant_email'; email: string } | { field: 'applicant_address'; address: string } | null;
}

export interface Ring {
  index: number;
  id: string;
  agents: Person[];
  agency: string;
  /** Phones of the ring (the agents' phones, possibly a second SIM); `phoneAgent[i]` is the agent using phones[i]. */
  phones: PhoneValue[];
  phoneAgent: number[];
  feeAccounts: AccountValue[];
  /** Each agent's personal (local, non-IBAN) account. */
  personalAccounts: AccountValue[];
  statementAccount: AccountValue;
  letterNumber: string;
  sharedAddress: string | null;
  email: string | null;
  consulates: number[];
  applicants: RingApplicant[];
}

export interface Broker {
  index: number;
  kind: BrokerKind;
  person: Person;
  rings: number[];
  /** Mule: accounts abroad the money moves on to. */
  onward: AccountValue[];
  caseRef: string;
}

export interface LegitAgent {
  person: Person;
  agency: string;
  applicants: number;
}

export const enum RowKind { Ring = 0, Background = 1, Broker = 2, NoIdentity = 3, BadDate = 4 }
export const enum Variant { Full = 0, PassportOnly = 1, MalformedCnic = 2 }
export const enum Defect { None = 0, BadIban = 1, BadPhone = 2, BadSubmitted = 3, BadDob = 4 }

export interface PlanRow {
  day: number;
  tie: number;
  kind: RowKind;
  /** Ring: index into World.ringApplicants; Background: background index; Broker: broker index; bad rows: person serial. */
  ref: number;
  variant: Variant;
  defect: Defect;
  consulate: number;
}

export interface World {
  options: GenerateOptions;
  space: IdentifierSpace;
  consulateAccounts: AccountValue[];
  courierPhone: PhoneValue;
  rings: Ring[];
  ringApplicants: RingApplicant[];
  brokers: Broker[];
  legitAgents: LegitAgent[];
  backgroundBase: number;
  backgroundCount: number;
  /** First serial nobody uses (for identifiers made while writing, e.g. blank forged documents). */
  freeSerial: number;
  plan: PlanRow[];
  /** Deriving background person i (cached for the last few calls). */
  background(i: number): BackgroundPerson;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const ORIGIN_WEIGHTS = [0.86, 0.1, 0.04];


const emailParts = new Map<string, string>();
/** A name as it appears in an e-mail address (memoized: names come from small pools). */
function emailPart(s: string): string {
  let part = emailParts.get(s);
  if (part === undefined) {
    part = s.toLowerCase().replace(/[^a-z]/g, '');
    emailParts.set(s, part);
  }
  return part;
}

/** Ring sizes: 6–30 applicants, skewed towards small rings. */
function ringSize(rng: Rng): number {
  return 6 + Math.floor(24 * Math.pow(rng.next(), 2.2));
}

/** Agency names from the product of the word pools, unique per (kinds, index). */
function agencyName(index: number, kinds: readonly string[], seed: number, label: string): string {
  const total = AGENCY_WORDS_1.length * AGENCY_WORDS_2.length * kinds.length;
  const r = createRng(hashSeed(seed, 'agency-order', label));
  // A seeded walk with a step coprime to the total visits every combination once.
  let step = r.int(1, total - 1);
  const g = (x: number, y: number): number => (y === 0 ? x : g(y, x % y));
  while (g(step, total) !== 1) step = step + 1 >= total ? 1 : step + 1;
  const start = r.int(0, total - 1);
  const x = (start + step * (index % total)) % total;
  const w1 = AGENCY_WORDS_1[x % AGENCY_WORDS_1.length]!;
  const w2 = AGENCY_WORDS_2[Math.floor(x / AGENCY_WORDS_1.length) % AGENCY_WORDS_2.length]!;
  const kind = kinds[Math.floor(x / (AGENCY_WORDS_1.length * AGENCY_WORDS_2.length))]!;
  const repeat = Math.floor(index / total);
  return repeat === 0 ? `${w1} ${w2} ${kind}` : `${w1} ${w2} ${kind} ${repeat + 1}`;
}

interface PersonShape {
  origin?: Origin;
  female?: boolean;
  /** The person has no CNIC, only an Afghan passport (an Afghan national). */
  noCnic?: boolean;
  lastName?: string;
}

/** A person derived from a serial: same serial and shape, same person. */
export function derivePerson(space: IdentifierSpace, serial: number, shape: PersonShape = {}): Person {
  const r = createRng(hashSeed(space.seed, 'person', serial));
  const noCnic = shape.noCnic ?? false;
  const origin: Origin = noCnic ? 'af' : shape.origin ?? (['pk', 'af', 'ar'] as const)[r.weighted(ORIGIN_WEIGHTS)]!;
  const female = shape.female ?? r.chance(origin === 'pk' ? 0.3 : 0.2);
  const first = r.pick(female ? FIRST_NAMES[origin].female : FIRST_NAMES[origin].male);
  const last = shape.lastName ?? r.pick(LAST_NAMES[origin]);
  const muhammad = !female && origin !== 'ar' && r.chance(0.35);
  const name = `${muhammad ? 'Muhammad ' : ''}${first} ${last}`;
  const dob = addDays('1962-01-01', r.int(0, 41 * 365));
  const cnic = noCnic ? null : space.cnic(serial, CNIC_DISTRICTS, female, r);
  const passport = space.passport(serial, PASSPORT_LETTERS, r);
  const passportCountry = noCnic ? 'AFG' : 'PAK';
  const phone = space.mobile(serial, MOBILE_PREFIXES, r);
  const n = serial + 101;
  const f = emailPart(first);
  const l = emailPart(last);
  const local = r.pick([`${f}.${l}${n}`, `${f}${l}${n}`, `${f}_${l}.${n}`, `${l}.${f}${n}`]);
  const email = `${local}@${r.pick(EMAIL_DOMAINS)}`;
  const parts = space.addressParts(serial);
  const [area, city] = AREAS[parts.area % AREAS.length]!;
  const address = `House ${parts.house}, Street ${parts.street}, ${area}, ${city}`;
  const account = space.iban(serial, IBAN_BANKS, r);
  const id = cnic ? cnicPersonEntityId(cnic) : passportPersonEntityId(passportCountry, passport);
  return { serial, id, name, female, dob, cnic, passport, passportCountry, phone, email, address, account, hasStatement: r.chance(0.85), hasEmail: r.chance(0.85) };
}

export function buildWorld(options: GenerateOptions): World {
  const seed = options.seed;
  const space = new IdentifierSpace(seed, AREAS.length);
  const rng = createRng(hashSeed(seed, 'world'));
  let nextSerial = 0;
  const allocate = (): number => nextSerial++;
  const person = (shape?: PersonShape): Person => derivePerson(space, allocate(), shape);
  const someRng = (label: string): Rng => createRng(hashSeed(seed, 'special', label));

  // Hubs.
  const consulateAccounts = CONSULATES.map((c) => space.iban(allocate(), IBAN_BANKS, someRng(c.name)));
  const courierPhone = space.mobile(allocate(), MOBILE_PREFIXES, someRng('courier'));

  // Rings.
  const rings: Ring[] = [];
  const ringApplicants: RingApplicant[] = [];
  for (let ri = 0; ri < options.rings; ri++) {
    const agentCount = rng.chance(0.35) ? 2 : 1;
    const agents = Array.from({ length: agentCount }, () => person({ origin: rng.chance(0.8) ? 'pk' : 'af', female: false }));
    const phones = agents.map((a) => a.phone);
    const phoneAgent = agents.map((_, i) => i);
    if (agentCount === 1 && rng.chance(0.5)) {
      phones.push(space.mobile(allocate(), MOBILE_PREFIXES, rng));
      phoneAgent.push(0);
    }
    const feeAccounts = Array.from({ length: rng.chance(0.4) ? 2 : 1 }, () => space.iban(allocate(), IBAN_BANKS, rng));
    const personalAccounts = agents.map(() => space.local(allocate(), LOCAL_BANKS, rng));
    const statementAccount = space.iban(allocate(), IBAN_BANKS, rng);
    const letterNumber = space.docNumber('EL', allocate());
    const sharedSerial = allocate();
    let sharedAddress: string | null = null;
    if (rng.chance(0.5)) {
      const parts = space.addressParts(sharedSerial);
      const [area, city] = AREAS[parts.area % AREAS.length]!;
      sharedAddress = `Flat ${parts.house}, Street ${parts.street}, ${area}, ${city}`;
    }
    const agency = agencyName(ri, RING_AGENCY_KINDS, seed, 'ring');
    const emailSerial = allocate();
    const email = rng.chance(0.5) ? `${emailPart(agency.split(' ').slice(0, 2).join(''))}.visa${emailSerial}@gmail.com` : null;
    const consulates = rng.sample(CONSULATES.map((_, i) => i), rng.int(1, 2));
    const ring: Ring = {
      index: ri, id: `P-${pad(ri + 1, 2)}`, agents, agency, phones, phoneAgent, feeAccounts, personalAccounts,
      statementAccount, letterNumber, sharedAddress, email, consulates, applicants: [],
    };
    const size = ringSize(rng);
    for (let k = 0; k < size; k++) {
      const p = person({ origin: rng.chance(0.8) ? 'pk' : 'af' });
      const ringPhone = rng.int(0, phones.length - 1);
      const phoneMode = rng.chance(0.6) ? 'agent' : rng.chance(0.5) ? 'courier' : 'own';
      const app: RingApplicant = {
        person: p,
        ring: ri,
        phoneMode,
        ringPhone,
        agent: phoneAgent[ringPhone]!,
        agentCnicListed: rng.chance(0.8),
        agencyListed: rng.chance(0.85),
        feeAccount: rng.chance(0.75) ? rng.int(0, feeAccounts.length - 1) : -1,
        forgedStatement: rng.chance(0.7),
        letter: rng.chance(0.6) ? 'ring' : rng.chance(0.5) ? 'own' : 'none',
        addressMode: sharedAddress && rng.chance(0.4) ? 'shared' : rng.chance(0.15) ? 'centre' : 'own',
        emailMode: email && rng.chance(0.35) ? 'ring' : rng.chance(0.85) ? 'own' : 'none',
        consulate: rng.pick(consulates),
        visaType: rng.pick(['work', 'work', 'student', 'tourist', 'business']),
        noise: null,
      };
      ring.applicants.push(app);
      ringApplicants.push(app);
    }
    rings.push(ring);
  }

  // Brokers: forger, mule, fixer in turn; each serves 2–4 rings, spread so every ring is reached when possible.
  const brokers: Broker[] = [];
  const kinds: BrokerKind[] = ['forger', 'mule', 'fixer'];
  let cursor = 0;
  const ringOrder = rng.shuffle(rings.map((r) => r.index));
  for (let bi = 0; bi < options.brokers; bi++) {
    const kind = kinds[bi % 3]!;
    const want = Math.min(rings.length, rng.int(2, 4));
    const served: number[] = [];
    while (served.length < want) {
      const r = ringOrder[cursor % ringOrder.length]!;
      cursor++;
      if (!served.includes(r)) served.push(r);
      else if (served.length >= ringOrder.length) break;
    }
    const p = person({ origin: kind === 'mule' && rng.chance(0.5) ? 'ar' : 'pk', female: false });
    if (kind === 'mule') p.account = space.iban(p.serial, ['MEZN', 'BAHL', 'ALFH'], rng);
    const onward = kind === 'mule' ? [space.aeIban(allocate(), rng), space.aeIban(allocate(), rng)] : [];
    brokers.push({ index: bi, kind, person: p, rings: served.sort((a, b) => a - b), onward, caseRef: '' });
  }

  // Background size: given, or computed from the target number of application rows.
  const ringRowsEstimate = ringApplicants.length * 1.1 + brokers.length;
  let backgroundCount = options.background;
  if (options.applications !== undefined) {
    const base = options.applications / (1 + options.badRows / 2);
    backgroundCount = Math.max(0, Math.round((base - ringRowsEstimate) / 1.04));
  }

  // Legitimate small agents: about 8% of honest applicants, a dozen each.
  const legitCount = backgroundCount > 0 ? Math.max(1, Math.ceil((backgroundCount * 0.08) / 12)) : 0;
  const legitAgents: LegitAgent[] = Array.from({ length: legitCount }, (_, i) => ({
    person: person({ origin: 'pk', female: false }),
    agency: agencyName(i, LEGIT_AGENCY_KINDS, seed, 'legit'),
    applicants: 0,
  }));

  const backgroundBase = nextSerial;
  const extraBase = backgroundBase + backgroundCount;
  const profile = (i: number): BackgroundProfile => {
    const hr = createRng(hashSeed(seed, 'background', i));
    const household = i % 2 === 1 && hr.chance(0.05) ? { head: i - 1, shares: hr.chance(0.65) ? ('address' as const) : ('phone' as const) } : null;
    const noCnic = household === null && hr.chance(0.03);
    const u = hr.next();
    return {
      noCnic,
      household,
      agentMode: u < 0.6 ? 'none' : u < 0.9 || legitCount === 0 ? 'big' : 'legit',
      legitAgent: legitCount > 0 ? hr.int(0, legitCount - 1) : 0,
    };
  };
  // A one-entry memo: rows ask for the same person a few times in a row. A bigger cache would
  // keep derived persons alive long enough to be promoted out of the young generation (GC cost).
  let lastIndex = -1;
  let lastPerson: BackgroundPerson | null = null;
  const background = (i: number): BackgroundPerson => {
    if (i === lastIndex && lastPerson) return lastPerson;
    const prof = profile(i);
    let p: Person;
    if (prof.household) {
      const head = derivePerson(space, backgroundBase + prof.household.head, { noCnic: profile(prof.household.head).noCnic });
      p = derivePerson(space, backgroundBase + i, { lastName: head.name.slice(head.name.lastIndexOf(' ') + 1) });
      if (prof.household.shares === 'address') p.address = head.address;
      else p.phone = head.phone;
    } else {
      p = derivePerson(space, backgroundBase + i, { noCnic: prof.noCnic });
    }
    const bp = p as BackgroundPerson;
    bp.household = prof.household;
    bp.agentMode = prof.agentMode;
    bp.legitAgent = prof.legitAgent;
    lastIndex = i;
    lastPerson = bp;
    return bp;
  };

  // Link noise: a ring applicant also carries someone else's identifier.
  for (const app of ringApplicants) {
    if (!rng.chance(options.linkNoise)) continue;
    const field = rng.pick(['applicant_phone', 'applicant_address', 'applicant_email'] as const);
    const others = ringApplicants.filter((o) => o.ring !== app.ring);
    const fromBackground = backgroundCount > 0 && (others.length === 0 || rng.chance(0.7));
    if (!fromBackground && others.length === 0) continue;
    const other: Person = fromBackground ? background(rng.int(0, backgroundCount - 1)) : rng.pick(others).person;
    if (field === 'applicant_phone') app.noise = { field, phone: other.phone };
    else if (field === 'applicant_email') app.noise = { field, email: other.email };
    else app.noise = { field, address: other.address };
  }

  // The plan of application rows.
  const plan: PlanRow[] = [];
  const planRng = createRng(hashSeed(seed, 'plan'));
  const row = (kind: RowKind, ref: number, day: number, consulate: number, variant: Variant = Variant.Full): PlanRow => {
    const r: PlanRow = { day, tie: planRng.int(0, 0x7fffffff), kind, ref, variant, defect: Defect.None, consulate };
    plan.push(r);
    return r;
  };
  ringApplicants.forEach((app, i) => {
    const repeat = planRng.chance(0.1);
    const day = planRng.int(0, repeat ? DAYS - 60 : DAYS - 1);
    row(RowKind.Ring, i, day, app.consulate);
    if (repeat) row(RowKind.Ring, i, Math.min(DAYS - 1, day + planRng.int(20, 59)), app.consulate, planRng.chance(0.5) ? Variant.Full : Variant.PassportOnly);
  });
  brokers.forEach((b, i) => row(RowKind.Broker, i, planRng.int(0, DAYS - 1), planRng.int(0, CONSULATES.length - 1)));
  // Repeat applicants: the first three CNIC holders always file twice, one of each kind (passport
  // seen alone first, then a malformed CNIC, then passport only), so even a tiny case exercises all three.
  // The repeat row comes 20–59 days after the first.
  const forced: Array<'first' | 'malformed' | 'passport'> = ['first', 'malformed', 'passport'];
  const fieldDropCandidates: PlanRow[] = [];
  for (let i = 0; i < backgroundCount; i++) {
    const p = profile(i);
    if (p.agentMode === 'legit') legitAgents[p.legitAgent]!.applicants++;
    const consulate = planRng.int(0, CONSULATES.length - 1);
    let kind = p.noCnic ? null : forced.shift() ?? (planRng.chance(0.04) ? planRng.pick(['first', 'malformed', 'malformed', 'passport', 'passport'] as const) : null);
    // A malformed CNIC is a defective value: none when no bad rows are asked for.
    if (kind === 'malformed' && options.badRows === 0) kind = 'passport';
    if (kind === null) {
      fieldDropCandidates.push(row(RowKind.Background, i, planRng.int(0, DAYS - 1), consulate));
      continue;
    }
    const day = planRng.int(0, DAYS - 60);
    const later = Math.min(DAYS - 1, day + planRng.int(20, 59));
    if (kind === 'first') {
      row(RowKind.Background, i, day, consulate, Variant.PassportOnly);
      row(RowKind.Background, i, later, consulate, Variant.Full);
    } else {
      row(RowKind.Background, i, day, consulate, Variant.Full);
      row(RowKind.Background, i, later, consulate, kind === 'malformed' ? Variant.MalformedCnic : Variant.PassportOnly);
    }
  }

  // Defective rows: half quarantined (extra rows), half with one field dropped (existing background rows).
  const baseRows = plan.length;
  let freeSerial = extraBase;
  if (options.badRows > 0 && baseRows > 0) {
    const half = Math.max(2, Math.round((options.badRows * baseRows) / 2));
    let extra = extraBase;
    for (let k = 0; k < half; k++) {
      const kind = k % 2 === 0 ? RowKind.NoIdentity : RowKind.BadDate;
      const r = row(kind, extra++, planRng.int(0, DAYS - 1), planRng.int(0, CONSULATES.length - 1));
      if (kind === RowKind.BadDate) r.defect = planRng.chance(0.5) ? Defect.BadSubmitted : Defect.BadDob;
    }
    const targets = planRng.sample(fieldDropCandidates, half);
    targets.forEach((r, k) => {
      r.defect = k % 2 === 0 ? Defect.BadIban : Defect.BadPhone;
    });
    freeSerial = extra;
  }

  plan.sort((a, b) => a.day - b.day || a.tie - b.tie);

  // Case references of the brokers' seizures.
  const caseRng = createRng(hashSeed(seed, 'cases'));
  for (const b of brokers) b.caseRef = `${caseRng.pick(['FIA/AHTC/LHR', 'FIA/AHTC/ISB', 'FIA/AHTC/KHI', 'FIA/CC/GRW'])}/${options.startDate.slice(0, 4)}/${pad(caseRng.int(1, 999), 4)}`;

  return {
    options: { ...options, background: backgroundCount },
    space, consulateAccounts, courierPhone, rings, ringApplicants, brokers, legitAgents,
    backgroundBase, backgroundCount, freeSerial, plan, background,
  };
}
