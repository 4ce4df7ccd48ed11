/**
 * E-mail addresses: trimmed, `mailto:` removed, lower-cased, shape-checked.
 *
 * Provider-specific folding (Gmail ignores dots and `+tags` in the local
 * part) is deliberately not done: it is true of some providers only, it
 * changes which mailbox is meant on every other, and an investigator must be
 * able to show that the address in the graph is the address in the record.
 * `ali.khan@gmail.com` and `alikhan+visa@gmail.com` stay two nodes.
 */
import { fail, ok, type NormalizeResult } from './result.js';
import { isBlank, preview, stripInvisible } from './text.js';

/** Local part: RFC 5322 dot-atom characters (and, per RFC 6531, non-ASCII letters). */
const LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * ` Ali.Khan@Example.COM `, `mailto:ali.khan@example.com` → `ali.khan@example.com`.
 *
 * Rejected (`invalid_email`): no or several `@`, whitespace inside, quoted
 * local parts, display names (`Ali <ali@x.com>`), IP-literal domains, a
 * domain without a dot, a numeric top-level domain, leading/trailing/double
 * dots, a local part over 64 or an address over 254 characters.
 */
export function normalizeEmail(raw: string): NormalizeResult<string> {
  if (isBlank(raw)) return fail('empty', 'e-mail is empty');
  if (typeof raw !== 'string') return fail('invalid_email', `e-mail must be a string, got ${typeof raw}`);
  const s = stripInvisible(raw.normalize('NFKC')).trim().replace(/^mailto:/i, '').toLowerCase();
  if (/\s/.test(s)) return fail('invalid_email', `e-mail ${preview(raw)} contains whitespace`);
  const at = s.indexOf('@');
  if (at < 0) return fail('invalid_email', `e-mail ${preview(raw)} has no @`);
  if (s.indexOf('@', at + 1) >= 0) return fail('invalid_email', `e-mail ${preview(raw)} has more than one @`);
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local === '' || local.length > 64 || !LOCAL.test(local)) {
    return fail('invalid_email', `e-mail ${preview(raw)} has an invalid part before the @`);
  }
  const labels = domain.split('.');
  if (labels.length < 2) return fail('invalid_email', `e-mail ${preview(raw)} has a domain without a dot`);
  if (!labels.every((l) => LABEL.test(l))) return fail('invalid_email', `e-mail ${preview(raw)} has an invalid domain`);
  const tld = labels[labels.length - 1]!;
  if (tld.length < 2 || /^[0-9]+$/.test(tld)) return fail('invalid_email', `e-mail ${preview(raw)} has an invalid top-level domain`);
  if (s.length > 254) return fail('invalid_email', `e-mail ${preview(raw)} is longer than 254 characters`);
  return ok(s);
}
