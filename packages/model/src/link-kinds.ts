/**
 * The link kinds of ringlink, declared once: direction (from kinds → to
 * kinds), whether direction matters, and the analysis weight (strength of
 * the tie for community detection: a shared bank account or forged document
 * says more than a shared address). Relationship types in Neo4j are these
 * names.
 *
 * `aggregate` names the numeric properties summed over evidence (PAID
 * amounts, CALLED durations) so a link attested by many records stays one
 * link with many pieces of evidence.
 */
import type { EntityKind } from './entity-kinds.js';

interface LinkKindDeclaration {
  from: readonly EntityKind[];
  to: readonly EntityKind[];
  directed: boolean;
  weight: number;
  description: string;
  aggregate?: readonly string[];
}

export const LINK_KINDS = {
  APPLIED_VIA: {
    from: ['Person'], to: ['Person', 'Organization'], directed: true, weight: 2,
    description: 'an applicant applied through this agent or agency',
  },
  USES_PHONE: {
    from: ['Person', 'Organization'], to: ['Phone'], directed: true, weight: 2,
    description: 'the phone number was given as this party\'s contact',
  },
  USES_EMAIL: {
    from: ['Person', 'Organization'], to: ['Email'], directed: true, weight: 1.5,
    description: 'the e-mail address was given as this party\'s contact',
  },
  LIVES_AT: {
    from: ['Person', 'Organization'], to: ['Address'], directed: true, weight: 1,
    description: 'the address was given as this party\'s residence or office',
  },
  HOLDS_ACCOUNT: {
    from: ['Person', 'Organization'], to: ['BankAccount'], directed: true, weight: 3,
    description: 'the party holds or declared this bank account',
  },
  PAID_INTO: {
    from: ['Person', 'Organization'], to: ['BankAccount'], directed: true, weight: 3,
    description: 'the party paid a fee into this account',
  },
  HOLDS_DOCUMENT: {
    from: ['Person', 'Organization'], to: ['Document'], directed: true, weight: 3,
    description: 'the party holds or submitted this document',
  },
  SUPPLIED_DOCUMENT: {
    from: ['Person', 'Organization'], to: ['Document'], directed: true, weight: 3,
    description: 'the party supplied or was found with this document',
  },
  PAID: {
    from: ['BankAccount'], to: ['BankAccount'], directed: true, weight: 3,
    description: 'money moved from one account to the other',
    aggregate: ['amount', 'count'],
  },
  CALLED: {
    from: ['Phone'], to: ['Phone'], directed: true, weight: 1.5,
    description: 'one number called the other',
    aggregate: ['durationS', 'count'],
  },
  WORKS_FOR: {
    from: ['Person'], to: ['Organization'], directed: true, weight: 1.5,
    description: 'the person works for or represents the organization',
  },
  OWNS: {
    from: ['Person', 'Organization'], to: ['Organization', 'BankAccount'], directed: true, weight: 2,
    description: 'the party owns the organization or asset',
  },
  ASSOCIATE_OF: {
    from: ['Person'], to: ['Person'], directed: false, weight: 1.5,
    description: 'the persons are known associates or family',
  },
  POSSIBLY_SAME_AS: {
    from: ['Person'], to: ['Person'], directed: false, weight: 0,
    description: 'name and birth date suggest one person; for an analyst to confirm, never merged',
  },
} as const satisfies Record<string, LinkKindDeclaration>;

export type LinkKind = keyof typeof LINK_KINDS;
export const LINK_KIND_NAMES = Object.keys(LINK_KINDS) as LinkKind[];

export function isLinkKind(value: string): value is LinkKind {
  return Object.prototype.hasOwnProperty.call(LINK_KINDS, value);
}
