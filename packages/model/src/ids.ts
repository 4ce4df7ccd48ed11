/**
 * Entity ids: deterministic from normalized identifiers, so the same
 * identifier always lands on the same node. These forms are a public
 * contract relied on by tools outside the project:
 *
 *   phone:+923001234567
 *   account:PK36SCBL0000001123456702        (IBAN)
 *   account:HBL:00123456789                  (bank code + account digits)
 *   person:cnic:3520212345671
 *   person:passport:PAK:AB1234567            (no CNIC known)
 *   person:record:<source>:<recordId>:<role> (no strong identifier)
 *   document:passport:PAK:AB1234567          (docType:issuer:number)
 *   email:ali.khan@example.com
 *   address:<normalized address key>
 *   organization:<normalized name key>
 *
 * Inputs must already be normalized (see normalize/).
 */
import type { LinkKind } from './link-kinds.js';
import { LINK_KINDS } from './link-kinds.js';

export const phoneId = (e164: string): string => `phone:${e164}`;
export const ibanAccountId = (iban: string): string => `account:${iban}`;
export const localAccountId = (bankCode: string, number: string): string => `account:${bankCode}:${number}`;
export const cnicPersonId = (cnic: string): string => `person:cnic:${cnic}`;
export const passportPersonId = (country: string, number: string): string => `person:passport:${country}:${number}`;
export const recordPersonId = (source: string, recordId: string, role: string): string =>
  `person:record:${source}:${recordId}:${role.toLowerCase()}`;
export const documentId = (docType: string, issuer: string, number: string): string =>
  `document:${docType}:${issuer}:${number}`;
export const emailId = (address: string): string => `email:${address}`;
export const addressId = (key: string): string => `address:${key}`;
export const organizationId = (nameKey: string): string => `organization:${nameKey}`;

/** The key a passport is known by, both on the person and in document ids. */
export const passportKey = (country: string, number: string): string => `${country}:${number}`;

export function linkId(type: LinkKind, from: string, to: string): string {
  if (!LINK_KINDS[type].directed && to < from) return `${to}|${type}|${from}`;
  return `${from}|${type}|${to}`;
}

/** Person ids ranked by strength: cnic beats passport beats record. */
export function personIdStrength(id: string): number {
  if (id.startsWith('person:cnic:')) return 3;
  if (id.startsWith('person:passport:')) return 2;
  return 1;
}
