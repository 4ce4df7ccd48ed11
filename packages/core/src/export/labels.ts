/**
 * How entities and links are named for a reader: kind nouns, display values
 * ("+923001234567", "passport PAK AB1234567", a person's name) and the
 * verbs of link kinds. One place, so the report, the chart and the CSV say
 * the same thing.
 */
import { kindOfId, type Entity, type EntityKind, type LinkKind } from '@ringlink/model';

export const KIND_NOUNS: Record<EntityKind, { one: string; many: string }> = {
  Person: { one: 'person', many: 'persons' },
  Phone: { one: 'phone', many: 'phones' },
  BankAccount: { one: 'bank account', many: 'bank accounts' },
  Document: { one: 'document', many: 'documents' },
  Email: { one: 'e-mail address', many: 'e-mail addresses' },
  Address: { one: 'address', many: 'addresses' },
  Organization: { one: 'organization', many: 'organizations' },
};

export function kindNoun(kind: EntityKind, count = 1): string {
  return count === 1 ? KIND_NOUNS[kind].one : KIND_NOUNS[kind].many;
}

/** "3 phones", "1 bank account". */
export function countOf(kind: EntityKind, count: number): string {
  return `${count} ${kindNoun(kind, count)}`;
}

/** What a link kind says, from the `from` side, before the other end's name: "gave as contact" + "phone +92…". */
export const LINK_VERBS: Record<LinkKind, string> = {
  APPLIED_VIA: 'applied through',
  USES_PHONE: 'gave as contact',
  USES_EMAIL: 'gave as contact',
  LIVES_AT: 'gave as residence',
  HOLDS_ACCOUNT: 'holds or declared',
  PAID_INTO: 'paid a fee into',
  HOLDS_DOCUMENT: 'holds or submitted',
  SUPPLIED_DOCUMENT: 'supplied or was found with',
  PAID: 'paid',
  CALLED: 'called',
  WORKS_FOR: 'works for',
  OWNS: 'owns',
  ASSOCIATE_OF: 'is a known associate of',
  POSSIBLY_SAME_AS: 'may be the same person as',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** The part of an id after its kind prefix: `phone:+92300…` → `+92300…`. */
export function idValue(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(i + 1);
}

/** A short human name for an unmasked entity: a person's name, a phone number, an IBAN. */
export function displayValue(entity: Pick<Entity, 'id' | 'kind' | 'props'>): string {
  const p = entity.props;
  switch (entity.kind) {
    case 'Person':
      return str(p.name) ?? (Array.isArray(p.names) ? str(p.names[0]) : undefined) ?? idValue(entity.id);
    case 'Phone':
      return str(p.e164) ?? idValue(entity.id);
    case 'BankAccount':
      return str(p.iban) ?? str(p.accountKey) ?? idValue(entity.id);
    case 'Document': {
      const type = str(p.docType)?.replace(/_/g, ' ');
      const number = str(p.number);
      if (type && number) return [type, str(p.issuer), number].filter(Boolean).join(' ');
      return idValue(entity.id).replace(/_/g, ' ').replace(/:/g, ' ');
    }
    case 'Email':
      return str(p.address) ?? idValue(entity.id);
    case 'Address':
      return str(p.text) ?? idValue(entity.id);
    case 'Organization':
      return str(p.name) ?? idValue(entity.id);
  }
}

/** The kind of an id, for ids with no entity at hand (hubs): falls back to Person. */
export function kindFromId(id: string): EntityKind {
  return kindOfId(id) ?? 'Person';
}
