/**
 * What one input record says, before resolution: the entities it mentions
 * (with normalized identifiers) and the links between them. Persons are not
 * given final ids here: which person a mention is depends on every other
 * record (see resolve/).
 */
import type { EntityKind, Evidence, IngestIssue, LinkKind, Properties, RoleLabel } from '@ringlink/model';

export interface PersonMention {
  kind: 'Person';
  /** Normalized CNIC, if the record gives a valid one. */
  cnic?: string;
  /** Passport keys (`PAK:AB1234567`) the record ties to this person. */
  passportKeys: string[];
  /** Record-scoped id for a person with no strong identifier. */
  recordId?: string;
  roles: RoleLabel[];
  props: Properties;
}

export interface IdentifierMention {
  kind: Exclude<EntityKind, 'Person'>;
  id: string;
  roles: RoleLabel[];
  props: Properties;
}

export type Mention = PersonMention | IdentifierMention;

export interface LinkFact {
  type: LinkKind;
  from: Mention;
  to: Mention;
  props: Properties;
}

/** Everything one record contributes, or why it was quarantined. */
export interface RecordFacts {
  evidence: Evidence;
  mentions: Mention[];
  links: LinkFact[];
  /** Field-level problems (field_dropped) or the reasons for quarantine. */
  issues: IngestIssue[];
  quarantined: boolean;
}
