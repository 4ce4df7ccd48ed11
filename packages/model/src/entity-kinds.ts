/**
 * The entity kinds of ringlink, declared once. Zod schemas, TypeScript
 * types, Neo4j constraints and indexes, mapping-spec validation and the
 * OpenAPI components are all derived from this object.
 *
 * `prefix` is the first segment of the entity id (a public contract, see
 * ids.ts). `identifiers` are the normalized properties by which an entity
 * can be looked up (the store indexes each of them). `properties` lists
 * every property an entity of the kind may carry, with its value type.
 */
export type PropertyType = 'string' | 'string[]' | 'date' | 'datetime' | 'number' | 'boolean';

export const ENTITY_KINDS = {
  Person: {
    prefix: 'person',
    label: 'Person',
    roles: ['Applicant', 'Agent', 'Sponsor', 'Official'],
    identifiers: ['cnic', 'passportKeys', 'nameKey'],
    properties: {
      name: 'string',
      names: 'string[]',
      nameKey: 'string',
      birthDate: 'date',
      cnic: 'string',
      passportKeys: 'string[]',
      nationality: 'string',
      gender: 'string',
    },
  },
  Phone: {
    prefix: 'phone',
    label: 'Phone',
    roles: [],
    identifiers: ['e164'],
    properties: { e164: 'string', country: 'string', rawForms: 'string[]' },
  },
  BankAccount: {
    prefix: 'account',
    label: 'BankAccount',
    roles: [],
    identifiers: ['iban', 'accountKey'],
    properties: {
      iban: 'string',
      accountKey: 'string',
      bankCode: 'string',
      number: 'string',
      country: 'string',
      holderNames: 'string[]',
      rawForms: 'string[]',
    },
  },
  Document: {
    prefix: 'document',
    label: 'Document',
    roles: [],
    identifiers: ['documentKey', 'number'],
    properties: {
      documentKey: 'string',
      docType: 'string',
      number: 'string',
      issuer: 'string',
      status: 'string',
      holderName: 'string',
      seizedAt: 'date',
      seizedFrom: 'string',
      caseRef: 'string',
    },
  },
  Email: {
    prefix: 'email',
    label: 'Email',
    roles: [],
    identifiers: ['address'],
    properties: { address: 'string', domain: 'string' },
  },
  Address: {
    prefix: 'address',
    label: 'Address',
    roles: [],
    identifiers: ['addressKey'],
    properties: { addressKey: 'string', text: 'string' },
  },
  Organization: {
    prefix: 'organization',
    label: 'Organization',
    roles: ['TravelAgency', 'Employer', 'Consulate'],
    identifiers: ['nameKey'],
    properties: { name: 'string', nameKey: 'string', country: 'string' },
  },
} as const satisfies Record<
  string,
  {
    prefix: string;
    label: string;
    roles: readonly string[];
    identifiers: readonly string[];
    properties: Record<string, PropertyType>;
  }
>;

export type EntityKind = keyof typeof ENTITY_KINDS;
export const ENTITY_KIND_NAMES = Object.keys(ENTITY_KINDS) as EntityKind[];
export type RoleLabel = (typeof ENTITY_KINDS)[EntityKind]['roles'][number];
export const ROLE_LABELS: readonly RoleLabel[] = ENTITY_KIND_NAMES.flatMap(
  (k) => ENTITY_KINDS[k].roles as readonly RoleLabel[],
);

/** Kinds whose entities are shared identifiers rather than actors. */
export const IDENTIFIER_KINDS: readonly EntityKind[] = ['Phone', 'BankAccount', 'Document', 'Email', 'Address'];

export function isEntityKind(value: string): value is EntityKind {
  return Object.prototype.hasOwnProperty.call(ENTITY_KINDS, value);
}

export function kindOfId(id: string): EntityKind | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return ENTITY_KIND_NAMES.find((k) => ENTITY_KINDS[k].prefix === prefix);
}
