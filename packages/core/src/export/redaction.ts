/**
 * Redaction of third parties: entities outside the ring (reached by a
 * member's link, or named in the run such as hubs) keep their place in the
 * structure but lose their identity, the same way in every file:
 *
 *   person        → person:third-party-3          "Third party 3"
 *   organization  → organization:third-party-1    "Third-party organization 1"
 *   address       → address:third-party-2         "Third-party address 2"
 *   phone         → phone:+92300*****67           (country + operator prefix, last 2 digits)
 *   bank account  → account:PK36SCBL**************02 (country, check digits, bank; last 2)
 *   document      → document:passport:PAK:AB*****67 (type and issuer kept; number masked)
 *   e-mail        → email:a*******@e******.com
 *
 * Numbers follow the sorted original ids, so they are deterministic; a
 * masked id that would collide with another gets `~2`, `~3`. A masked
 * entity keeps its kind, roles and a few non-identifying properties
 * (country, bank code, document type, issuer and status); the rest are
 * removed. Links to masked entities keep their type, counts, amounts,
 * dates and evidence references, and lose free-text properties. Member
 * properties that hold a third party's identifier (a document seized from
 * someone outside the ring) show the mask instead. Nothing about the masked
 * values is recorded, only counts and kinds.
 */
import type { Entity, EntityKind, Link, Properties, PropertyValue } from '@ringlink/model';
import { LeakGuard, phraseOf } from './leak-guard.js';
import { kindFromId } from './labels.js';

export interface RedactionSummary {
  applied: boolean;
  rule?: string;
  masked?: { entities: number; byKind: Record<string, number> };
  /** Ids outside the package (hub list, allow-list) shown masked in the methodology. */
  maskedOutsidePackage?: number;
  /** Names of the properties removed from masked entities (not their values). */
  propertiesRemoved?: string[];
  /** Member property values replaced by a third party's mask. */
  memberValuesReplaced?: number;
  /** Free-text link properties removed from links to masked entities. */
  linkTextRemoved?: number;
  /** Third parties whose identifier also appears in a member's own id or properties, where it is shown as it is. */
  notMaskable?: number;
}

export const REDACTION_RULE =
  'Entities outside the ring (third parties) are masked: persons, organizations and addresses are replaced by numbered labels ' +
  '("Third party 3"); phone numbers, bank accounts, document numbers and e-mail addresses keep only a few leading and trailing ' +
  'characters. Their other properties are removed, except country, bank code, document type, issuer and status. Links to them keep ' +
  'their type, counts, amounts, dates and evidence references (source file, row, record id and digests). Ring members are shown in full.';

const SAFE_PROPS: Partial<Record<EntityKind, readonly string[]>> = {
  Phone: ['country'],
  BankAccount: ['country', 'bankCode'],
  Document: ['docType', 'issuer', 'status'],
  Organization: ['country'],
};

/** Properties whose values identify an entity (looked for in members' properties and in the output). */
const IDENTIFYING_PROPS = [
  'name', 'names', 'nameKey', 'cnic', 'passportKeys', 'e164', 'rawForms', 'iban', 'accountKey', 'number',
  'holderNames', 'documentKey', 'holderName', 'address', 'text', 'addressKey',
] as const;

/** Link properties kept on links to masked entities even when they are strings. */
const LINK_SAFE_STRINGS = new Set(['firstSeen', 'lastSeen', 'currency']);

interface Mask {
  id: string;
  label: string;
  kind: EntityKind;
}

export interface Redactor {
  readonly active: boolean;
  /** The id shown for an entity id (a mask for third parties when redacting). */
  id(id: string): string;
  isMasked(id: string): boolean;
  /** The label of a masked entity; undefined for others. */
  maskedLabel(id: string): string | undefined;
  /** The properties shown for an entity. */
  entityProps(entity: Entity): Properties;
  /** The properties shown for a link. */
  linkProps(link: Link): Properties;
  /** Scans output text for raw third-party identifiers; throws when one is found (no-op when not redacting). */
  check(text: string, where: string): void;
  summary(): RedactionSummary;
}

const key = (v: string): string => v.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '');

/** Keeps `keepStart` leading and `keepEnd` trailing characters; masks at least 5 and at least a third. */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = [...value];
  const n = chars.length;
  let ks = Math.min(keepStart, n);
  let ke = Math.min(keepEnd, n - ks);
  const enough = (): boolean => n - ks - ke >= Math.min(n, Math.max(5, Math.ceil(n / 3)));
  while (!enough() && ks + ke > 0) {
    if (ks > ke) ks--;
    else ke--;
  }
  return chars.slice(0, ks).join('') + '*'.repeat(n - ks - ke) + chars.slice(n - ke).join('');
}

function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return maskMiddle(address, 1, 0);
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  const tld = labels.length > 1 ? labels.pop()! : '';
  const first = (s: string): string => (s.length === 0 ? '***' : s[0] + '*'.repeat(Math.max(3, s.length - 1)));
  return `${first(local)}@${labels.map(first).join('.')}${tld ? `.${tld}` : ''}`;
}

function partialMask(id: string, kind: EntityKind): { id: string; label: string } {
  const colon = id.indexOf(':');
  const prefix = id.slice(0, colon + 1);
  const value = id.slice(colon + 1);
  switch (kind) {
    case 'Phone': {
      const masked = maskMiddle(value, 6, 2);
      return { id: prefix + masked, label: masked };
    }
    case 'BankAccount': {
      const local = value.indexOf(':');
      const masked = local >= 0 ? `${value.slice(0, local + 1)}${maskMiddle(value.slice(local + 1), 0, 2)}` : maskMiddle(value, 8, 2);
      return { id: prefix + masked, label: masked };
    }
    case 'Document': {
      const parts = value.split(':');
      const number = parts.length >= 3 ? parts.slice(2).join(':') : value;
      const head = parts.length >= 3 ? parts.slice(0, 2) : [];
      const masked = maskMiddle(number, 2, 2);
      return { id: prefix + [...head, masked].join(':'), label: [...head.map((h) => h.replace(/_/g, ' ')), masked].join(' ') };
    }
    case 'Email': {
      const masked = maskEmail(value);
      return { id: prefix + masked, label: masked };
    }
    default:
      return { id, label: value };
  }
}

const NUMBERED: Partial<Record<EntityKind, string>> = {
  Person: 'Third party',
  Organization: 'Third-party organization',
  Address: 'Third-party address',
};

/** Properties that name someone else (the holder written on a document or account), not the entity itself. */
const ABOUT_OTHERS = new Set<string>(['holderNames', 'holderName']);

function identifyingValues(entity: Entity | undefined, id: string, own = false): string[] {
  const values = [id];
  if (!entity) return values;
  values.push(...entity.aliases);
  for (const p of IDENTIFYING_PROPS) {
    if (own && ABOUT_OTHERS.has(p)) continue;
    const v = entity.props[p];
    if (typeof v === 'string') values.push(v);
    else if (Array.isArray(v)) values.push(...v);
  }
  if (Array.isArray(entity.props.passportKeys)) {
    for (const pk of entity.props.passportKeys) values.push(pk.slice(pk.indexOf(':') + 1));
  }
  return values;
}

function stringsOf(props: Properties): string[] {
  const out: string[] = [];
  for (const v of Object.values(props)) {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) out.push(...v);
  }
  return out;
}

const IDENTITY: Redactor = {
  active: false,
  id: (id) => id,
  isMasked: () => false,
  maskedLabel: () => undefined,
  entityProps: (e) => e.props,
  linkProps: (l) => l.props,
  check: () => {},
  summary: () => ({ applied: false }),
};

export interface RedactorInput {
  active: boolean;
  members: ReadonlySet<string>;
  /** Every entity of the package (members and third parties). */
  entities: readonly Entity[];
  /** Further ids that may be shown (hubs, allow-list entries): masked when not members. */
  otherIds: readonly string[];
}

export function createRedactor(input: RedactorInput): Redactor {
  if (!input.active) return IDENTITY;
  const byId = new Map(input.entities.map((e) => [e.id, e]));
  const outsiderIds = new Set<string>();
  for (const e of input.entities) if (!input.members.has(e.id)) outsiderIds.add(e.id);
  let outsidePackage = 0;
  for (const id of input.otherIds) {
    if (!input.members.has(id) && !outsiderIds.has(id)) {
      outsiderIds.add(id);
      outsidePackage++;
    }
  }
  const sorted = [...outsiderIds].sort();

  // Masks: numbered per kind, or partial; collisions get ~2, ~3.
  const masks = new Map<string, Mask>();
  const counters = new Map<EntityKind, number>();
  const used = new Map<string, number>();
  const memberIds = new Set(input.members);
  for (const id of sorted) {
    const kind = byId.get(id)?.kind ?? kindFromId(id);
    const numbered = NUMBERED[kind];
    let mask: { id: string; label: string };
    if (numbered) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      mask = { id: `${id.slice(0, id.indexOf(':') + 1)}third-party-${n}`, label: `${numbered} ${n}` };
    } else mask = partialMask(id, kind);
    const seen = used.get(mask.id) ?? 0;
    if (seen > 0 || memberIds.has(mask.id)) {
      let k = Math.max(seen, 1) + 1;
      while (used.has(`${mask.id}~${k}`) || memberIds.has(`${mask.id}~${k}`)) k++;
      used.set(mask.id, k);
      mask = { id: `${mask.id}~${k}`, label: `${mask.label} (${k})` };
    }
    used.set(mask.id, Math.max(used.get(mask.id) ?? 0, 1));
    masks.set(id, { ...mask, kind });
  }

  // A member's own identity wins: a value that is also a member's name or number stays.
  const memberValues = new Set<string>();
  for (const id of input.members) for (const v of identifyingValues(byId.get(id), id, true)) memberValues.add(key(v));
  // Third parties' own values first (a name maps to its person), then names written on their accounts and documents.
  const valueToMask = new Map<string, string>();
  for (const own of [true, false]) {
    for (const id of sorted) {
      for (const v of identifyingValues(byId.get(id), id, own)) {
        const k = key(v);
        if (k.length >= 4 && !memberValues.has(k) && !valueToMask.has(k)) valueToMask.set(k, masks.get(id)!.label);
      }
    }
  }

  const removed = new Set<string>();
  let memberValuesReplaced = 0;
  let linkTextRemoved = 0;
  const replaceValue = (v: string): string => {
    const m = valueToMask.get(key(v));
    if (m === undefined) return v;
    memberValuesReplaced++;
    return m;
  };
  const entityPropsCache = new Map<string, Properties>();
  const entityProps = (e: Entity): Properties => {
    const cached = entityPropsCache.get(e.id);
    if (cached) return cached;
    const out: Properties = {};
    if (masks.has(e.id)) {
      const safe = SAFE_PROPS[e.kind] ?? [];
      for (const [k, v] of Object.entries(e.props)) {
        if (safe.includes(k)) out[k] = v;
        else removed.add(k);
      }
    } else {
      for (const [k, v] of Object.entries(e.props)) {
        out[k] = typeof v === 'string' ? replaceValue(v) : Array.isArray(v) ? v.map(replaceValue) : v;
      }
    }
    entityPropsCache.set(e.id, out);
    return out;
  };
  const linkPropsCache = new Map<string, Properties>();
  const linkProps = (l: Link): Properties => {
    const cached = linkPropsCache.get(l.id);
    if (cached) return cached;
    const external = masks.has(l.from) || masks.has(l.to);
    const out: Properties = {};
    for (const [k, v] of Object.entries(l.props)) {
      if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
      else if (external && !LINK_SAFE_STRINGS.has(k)) linkTextRemoved++;
      else out[k] = (typeof v === 'string' ? replaceValue(v) : (v as string[]).map(replaceValue)) as PropertyValue;
    }
    linkPropsCache.set(l.id, out);
    return out;
  };

  // The leak guard: raw identifiers of third parties, minus what members show of themselves.
  const phrases = new Map<string, string>();
  for (const id of sorted) {
    const entity = byId.get(id);
    const who = masks.get(id)!.id;
    for (const v of identifyingValues(entity, id)) {
      const phrase = phraseOf(v, 1);
      if (phrase !== undefined && !phrases.has(phrase)) phrases.set(phrase, who);
    }
  }
  // Single-word names are too common to search for ("Ali"); names need two words.
  for (const id of sorted) {
    const entity = byId.get(id);
    if (!entity) continue;
    for (const p of ['name', 'names', 'holderNames', 'holderName'] as const) {
      const v = entity.props[p];
      for (const s of typeof v === 'string' ? [v] : Array.isArray(v) ? v : []) {
        const phrase = phraseOf(s, 1);
        if (phrase !== undefined && phrase.split(' ').length < 2) phrases.delete(phrase);
      }
    }
  }
  const guard = new LeakGuard(phrases);
  const memberTexts: string[] = [];
  for (const id of input.members) {
    const e = byId.get(id);
    memberTexts.push(id);
    if (e) memberTexts.push(...e.aliases, ...stringsOf(entityProps(e)));
  }
  const notMaskable = guard.exemptFoundIn(memberTexts);

  const byKind: Record<string, number> = {};
  for (const id of sorted) {
    if (!byId.has(id)) continue;
    const k = masks.get(id)!.kind;
    byKind[k] = (byKind[k] ?? 0) + 1;
  }

  return {
    active: true,
    id: (id) => masks.get(id)?.id ?? id,
    isMasked: (id) => masks.has(id),
    maskedLabel: (id) => masks.get(id)?.label,
    entityProps,
    linkProps,
    check: (text, where) => guard.check(text, where),
    summary: () => ({
      applied: true,
      rule: REDACTION_RULE,
      masked: {
        entities: Object.values(byKind).reduce((a, b) => a + b, 0),
        byKind: Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => (a < b ? -1 : 1))),
      },
      maskedOutsidePackage: outsidePackage,
      propertiesRemoved: [...removed].sort(),
      memberValuesReplaced,
      linkTextRemoved,
      notMaskable: notMaskable.size,
    }),
  };
}
