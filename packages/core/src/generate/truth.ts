/**
 * The ground truth written next to a synthetic case (truth.json): what was
 * planted, as canonical entity ids (packages/model/src/ids.ts), and what
 * ingest must report for each file. Tests and benchmarks compare what the
 * pipeline finds with this.
 */
import type { GenerateOptions } from './options.js';

export type BrokerKind = 'forger' | 'mule' | 'fixer';

export interface TruthRing {
  /** Planted ring id, `P-01`, `P-02`, … (analysis gives its own `R-…` ids). */
  id: string;
  /** The ring's agents (person ids). */
  agents: string[];
  /** The ring's applicants (person ids), each once, agents excluded. */
  applicants: string[];
  /** Identifiers that belong to the ring: agent phones, fee and personal accounts, the forged statement (account and document), the shared employment letter, the agency, the ring e-mail and shared address when it has them. */
  identifiers: string[];
  /** The ring's travel agency (organization id). */
  agency: string;
  /** The address several applicants share (as written), or null; its id is among the identifiers. */
  sharedAddress: string | null;
  /** Application rows filed by the ring's applicants (repeats included). */
  applications: number;
}

export interface TruthBroker {
  /** The broker (person id). */
  id: string;
  kind: BrokerKind;
  name: string;
  /** Planted rings the broker serves. */
  rings: string[];
  /** The broker's own phone/account and, for a forger, the forged documents supplied. */
  identifiers: string[];
}

export interface ExpectedFile {
  /** Data rows (header excluded). */
  rows: number;
  /** Rows ingest must quarantine. */
  quarantined: number;
  /** Rows ingested with exactly one field dropped (one field_dropped issue each). */
  fieldDropped: number;
}

export interface ExpectedMerge {
  /** Person ids that must end as one person; the first (a CNIC id) survives. */
  ids: string[];
  reason: 'passport-only-repeat' | 'malformed-cnic-repeat' | 'passport-first-then-cnic';
}

export interface GroundTruth {
  generator: { name: 'ringlink-generate'; version: 1 };
  /** The resolved options (background as computed). */
  options: GenerateOptions;
  rings: TruthRing[];
  brokers: TruthBroker[];
  /** Benign high-degree identifiers: consulate fee accounts, courier phone, big agency and its landline, visa application centres. */
  hubs: string[];
  /** Honest background applicants (person ids). */
  background: string[];
  /** Legitimate small travel agents: each serves a handful of honest applicants (a star that is not a ring). */
  legitimateAgents: { id: string; agency: string; phone: string; applicants: number }[];
  /** Honest households: background persons sharing an address or a phone. */
  households: { members: string[]; shares: 'address' | 'phone' }[];
  /** Ring applicants given an unrelated identifier (link noise). */
  noiseLinks: { person: string; ring: string; field: 'applicant_phone' | 'applicant_email' | 'applicant_address'; identifier: string }[];
  expected: {
    /** Per file name (`applications.csv`, `transactions.csv`, `calls.csv`, `documents.csv`). */
    files: Record<string, ExpectedFile>;
    merges: ExpectedMerge[];
  };
  /** Every spelling written in the CSVs for a sample of phones and accounts: each must resolve to its entity id. */
  identifierSpellings: Record<string, string[]>;
}
