/**
 * Plain-language wording for rings, brokers and hubs: entity descriptions a
 * judge can read ("phone +923001234567", "Ali Khan (person:cnic:…)"),
 * counts with their nouns, lists joined with "and". No analysis here.
 */
import type { EntityKind } from '@ringlink/model';
import type { AnalysisView } from './analysis-view.js';

const KIND_NOUN: Record<EntityKind, string> = {
  Person: 'person',
  Phone: 'phone',
  BankAccount: 'bank account',
  Document: 'document',
  Email: 'e-mail address',
  Address: 'address',
  Organization: 'organization',
};

export function kindNoun(kind: EntityKind, count = 1): string {
  const noun = KIND_NOUN[kind];
  if (count === 1) return noun;
  if (noun.endsWith('ss')) return `${noun}es`;
  return `${noun}s`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function percent(x: number): string {
  const p = x * 100;
  return `${p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2)}%`;
}

/** Short, readable description of one entity of the view. */
export function describe(view: AnalysisView, u: number): string {
  const id = view.ids[u]!;
  const e = view.entities[u];
  const props = e?.props ?? {};
  const rest = id.slice(id.indexOf(':') + 1);
  switch (view.kinds[u]) {
    case 'Person': {
      const name = typeof props.name === 'string' ? props.name : undefined;
      return name ? `${name} (${id})` : id;
    }
    case 'Phone':
      return `phone ${rest}`;
    case 'BankAccount':
      return `bank account ${rest}`;
    case 'Document': {
      const status = typeof props.status === 'string' && props.status !== 'genuine' ? ` (${props.status})` : '';
      return `document ${rest.replace(/:/g, ' ')}${status}`;
    }
    case 'Email':
      return `e-mail ${rest}`;
    case 'Address':
      return `address ${typeof props.text === 'string' ? props.text : rest}`;
    case 'Organization':
      return `organization ${typeof props.name === 'string' ? props.name : rest}`;
    default:
      return id;
  }
}

/** Role labels of a person, or "person" when it has none. */
export function roleWord(view: AnalysisView, u: number): string {
  const roles = view.entities[u]?.roles ?? [];
  return roles.length > 0 ? roles.map((r) => r.toLowerCase()).join(' and ') : 'person';
}

/** Rounds for output: 6 significant digits, so JSON stays short and stable. */
export function round6(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  return Number(x.toPrecision(6));
}
