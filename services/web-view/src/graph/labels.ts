/** Short, readable names for entities and links (no DOM). */
import type { Entity, PropertyValue } from '../api/types.js';

const str = (v: PropertyValue | undefined): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : Array.isArray(v) && typeof v[0] === 'string' && v[0] !== '' ? v[0] : undefined;

const clip = (s: string, n = 34): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The identifier part of an entity id: `phone:+923001234567` → `+923001234567`. */
export function idValue(id: string): string {
  const at = id.indexOf(':');
  return at < 0 ? id : id.slice(at + 1);
}

/** The kind named by an entity id's prefix, when it is one of the model's. */
export function kindOfId(id: string): string | undefined {
  const prefix = id.slice(0, Math.max(0, id.indexOf(':')));
  return ({ person: 'Person', phone: 'Phone', account: 'BankAccount', document: 'Document', email: 'Email', address: 'Address', organization: 'Organization' } as Record<string, string>)[prefix];
}

export function entityLabel(e: Pick<Entity, 'id' | 'kind' | 'props'>): string {
  const p = e.props;
  let label: string | undefined;
  switch (e.kind) {
    case 'Person':
      label = str(p.name) ?? str(p.names);
      break;
    case 'Phone':
      label = str(p.e164);
      break;
    case 'BankAccount':
      label = str(p.iban) ?? (str(p.bankCode) && str(p.number) ? `${str(p.bankCode)} ${str(p.number)}` : str(p.accountKey));
      break;
    case 'Document': {
      const type = str(p.docType)?.replace(/_/g, ' ');
      const number = str(p.number);
      label = type && number ? `${type} ${number}` : (number ?? type);
      break;
    }
    case 'Email':
      label = str(p.address);
      break;
    case 'Address':
      label = str(p.text) ?? str(p.addressKey);
      break;
    case 'Organization':
      label = str(p.name);
      break;
  }
  return clip(label ?? idValue(e.id));
}

/** `USES_PHONE` → `uses phone`. */
export function linkLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
