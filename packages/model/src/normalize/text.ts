/**
 * Small text helpers shared by the normalizers (internal to normalize/, not
 * re-exported from the package).
 */

/** Longest part of an offending value quoted in a message. */
export const PREVIEW_CHARS = 40;

/**
 * The offending value for a message: JSON-quoted (so control characters are
 * visible), capped at PREVIEW_CHARS code points, with the full length when cut.
 */
export function preview(raw: string): string {
  const chars = Array.from(raw);
  if (chars.length <= PREVIEW_CHARS) return JSON.stringify(raw);
  return `${JSON.stringify(chars.slice(0, PREVIEW_CHARS).join(''))}… (${chars.length} chars)`;
}

/** Zero-width and bidirectional control characters that copy-paste leaves in identifiers. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Unicode dashes and minus signs that should read as an ASCII hyphen in identifiers. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Arabic-Indic (U+0660–0669) and Extended Arabic-Indic (U+06F0–06F9, Urdu/Persian) digits to ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
}

/**
 * Canonical text of an identifier before parsing: NFKC (full-width forms to
 * ASCII), invisible characters removed, Unicode dashes to '-', Arabic-Indic
 * digits to ASCII, trimmed. Changes no information, only its spelling.
 */
export function cleanIdentifier(raw: string): string {
  // Printable ASCII has nothing to fold: skip the Unicode passes (hot path in ingest).
  if (PRINTABLE_ASCII.test(raw)) return raw.trim();
  return asciiDigits(raw.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-')).trim();
}

/** Removes the invisible characters only (used by the name and address keys). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** NFKD with all combining marks removed: `Façade` → `Facade`, `Ḥusayn` → `Husayn`. */
export function stripDiacritics(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/**
 * True for values that carry nothing: null/undefined (JavaScript callers
 * reading sparse CSV) and empty or whitespace-only strings (invisible
 * characters count as whitespace).
 */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  return typeof raw === 'string' && stripInvisible(raw).trim() === '';
}
