/**
 * ICAO Doc 9303 machine-readable zones (TD1 identity cards, TD2 cards and
 * visas-size documents, TD3 passports), parsed with the `mrz` package, which
 * computes every check digit (7-3-1 weights, mod 10). This module decides
 * layout first (line count and lengths, character set), then reports check
 * digit failures, then any other malformed field. State codes are resolved
 * here, not by the library, so that ISO and ICAO-only codes are handled the
 * same way as everywhere else (see normalizeCountry).
 */
import { parse as parseMrzLines, type Details, type ParseResult } from 'mrz';
import { normalizeCountry } from './country.js';
import { formatIsoDate, isRealDate } from './date.js';
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, preview } from './text.js';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface MrzData {
  format: MrzFormat;
  /** `P`, `PK`, `I`, `ID`, `AC`, … (trailing filler removed). */
  documentCode: string;
  /** Issuing state, ISO 3166-1 alpha-3 (`D` → `DEU`), an ICAO-only code (`UNO`, `GBD`, `RKS`), or `UTO` for ICAO specimens. */
  issuer: string;
  /** Document number without fillers; TD1 long numbers (check digit `<`) are reassembled. */
  number: string;
  /** Primary identifier, fillers as spaces: `ERIKSSON`. */
  surname: string;
  /** Secondary identifier, fillers as spaces: `ANNA MARIA` (may be empty). */
  givenNames: string;
  /** Same code space as `issuer`. */
  nationality: string;
  /** ISO date; the century is the latest one not in the future. Null when the MRZ marks it unknown (`<`). */
  birthDate: string | null;
  /** `M`, `F` or `X` (unspecified: `<` in the MRZ; a non-standard `X` there is read the same way). */
  sex: string;
  /** ISO date, always 20YY. Null when marked unknown. */
  expiryDate: string | null;
  /** TD3 personal number, TD1 line-1 optional data, TD2 optional data; null when blank. */
  personalNumber: string | null;
}

export interface ParseMrzOptions {
  /** "Today" for the birth-date century pivot. Default: the current date (UTC). */
  now?: Date;
}

const LAYOUTS: ReadonlyArray<{ format: MrzFormat; lines: number; length: number }> = [
  { format: 'TD1', lines: 3, length: 30 },
  { format: 'TD2', lines: 2, length: 36 },
  { format: 'TD3', lines: 2, length: 44 },
];

/** Where each format keeps the fields this module reads itself: [line, start]. */
const POSITIONS: Readonly<Record<MrzFormat, { nationality: [number, number]; sex: [number, number] }>> = {
  TD1: { nationality: [1, 15], sex: [1, 7] },
  TD2: { nationality: [1, 10], sex: [1, 20] },
  TD3: { nationality: [1, 10], sex: [1, 20] },
};

/**
 * Parses an MRZ given as lines or as one string with line breaks. Spaces
 * inside lines (OCR) are removed and letters upper-cased; nothing else is
 * corrected (no O→0 swaps).
 *
 * Codes: `empty`; `invalid_mrz` (layout, characters, unknown state,
 * impossible date, unsupported document); `mrz_check_digit` (the message
 * names every failing check digit).
 */
export function parseMrz(input: string | string[], options?: ParseMrzOptions): NormalizeResult<MrzData> {
  if (input === null || input === undefined) return fail('empty', 'MRZ is empty');
  if (typeof input !== 'string' && !Array.isArray(input)) return fail('invalid_mrz', `MRZ must be a string or lines, got ${typeof input}`);
  const parts = (Array.isArray(input) ? input : [input]).flatMap((l) => (typeof l === 'string' ? l.split(/\r\n|\r|\n/) : [String(l)]));
  const lines = parts.map((l) => cleanIdentifier(l).replace(/\s+/g, '').toUpperCase()).filter((l) => l !== '');
  if (lines.length === 0) return fail('empty', 'MRZ is empty');

  const badLine = lines.findIndex((l) => !/^[A-Z0-9<]+$/.test(l));
  if (badLine >= 0) {
    return fail('invalid_mrz', `MRZ line ${badLine + 1} ${preview(lines[badLine]!)} has characters other than A–Z, 0–9 and <`);
  }
  const layout = LAYOUTS.find((f) => f.lines === lines.length && lines.every((l) => l.length === f.length));
  if (layout === undefined) {
    return fail(
      'invalid_mrz',
      `MRZ has ${lines.length} line(s) of length ${lines.map((l) => l.length).join(', ')}; expected 3×30 (TD1), 2×36 (TD2) or 2×44 (TD3)`,
    );
  }
  const { format } = layout;
  const pos = POSITIONS[format];

  // A non-standard `X` for sex reads as unspecified; sex is outside every check digit.
  const [sexLine, sexAt] = pos.sex;
  const sexRow = lines[sexLine]!;
  if (sexRow[sexAt] === 'X') lines[sexLine] = `${sexRow.slice(0, sexAt)}<${sexRow.slice(sexAt + 1)}`;

  let parsed: ParseResult;
  try {
    parsed = parseMrzLines(lines);
  } catch (err) {
    return fail('invalid_mrz', `MRZ could not be parsed: ${err instanceof Error ? err.message.slice(0, 80) : 'unknown error'}`);
  }
  if (parsed.format !== format) {
    return fail('invalid_mrz', `MRZ is a ${parsed.format} layout, which is not supported (TD1, TD2, TD3 only)`);
  }

  const failedChecks = parsed.details.filter((d) => !d.valid && d.field !== null && d.field.endsWith('CheckDigit'));
  if (failedChecks.length > 0) {
    return fail('mrz_check_digit', `MRZ check digit failed for: ${failedChecks.map(fieldName).join(', ')}`);
  }

  const issuer = resolveState(lines[0]!.slice(2, 5));
  if (issuer === undefined) return fail('invalid_mrz', `MRZ issuing state ${preview(lines[0]!.slice(2, 5))} is not a known code`);
  const [natLine, natAt] = pos.nationality;
  const natRaw = lines[natLine]!.slice(natAt, natAt + 3);
  const nationality = resolveState(natRaw);
  if (nationality === undefined) return fail('invalid_mrz', `MRZ nationality ${preview(natRaw)} is not a known code`);

  const otherBad = parsed.details.filter((d) => !d.valid && d.field !== 'issuingState' && d.field !== 'nationality');
  if (otherBad.length > 0) {
    return fail('invalid_mrz', `MRZ has malformed fields: ${otherBad.map((d) => `${fieldName(d)} (${(d.error ?? 'invalid').slice(0, 60)})`).join('; ')}`);
  }

  const f = parsed.fields;
  const today = isoToday(options?.now ?? new Date());
  const birthDate = mrzDate(f.birthDate ?? '', 'birth', today);
  if (birthDate === 'impossible') return fail('invalid_mrz', `MRZ birth date ${preview(f.birthDate ?? '')} does not exist`);
  const expiryDate = mrzDate(f.expirationDate ?? '', 'expiry', today);
  if (expiryDate === 'impossible') return fail('invalid_mrz', `MRZ expiry date ${preview(f.expirationDate ?? '')} does not exist`);

  const number = parsed.documentNumber ?? '';
  if (number === '') return fail('invalid_mrz', 'MRZ document number is empty');

  let personal: string | null | undefined;
  if (format === 'TD3') personal = f.personalNumber;
  else if (format === 'TD2') personal = f.optional;
  else personal = lines[0]![14] === '<' ? null : f.optional1;

  return ok({
    format,
    documentCode: (f.documentCode ?? '').replace(/<+$/, ''),
    issuer,
    number,
    surname: (f.lastName ?? '').trim(),
    givenNames: (f.firstName ?? '').trim(),
    nationality,
    birthDate,
    sex: f.sex === 'male' ? 'M' : f.sex === 'female' ? 'F' : 'X',
    expiryDate,
    personalNumber: personal === undefined || personal === null || personal.trim() === '' ? null : personal.trim(),
  });
}

/** Computes an ICAO 9303 check digit (weights 7, 3, 1; `<` = 0, A = 10 … Z = 35). */
export function mrzCheckDigit(text: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c === 60 ? 0 : c >= 65 && c <= 90 ? c - 55 : c >= 48 && c <= 57 ? c - 48 : Number.NaN;
    sum += v * weights[i % 3]!;
  }
  return Number.isNaN(sum) ? -1 : sum % 10;
}

function fieldName(d: Details): string {
  return d.label.replace(/ check digit$/i, '').toLowerCase();
}

function resolveState(raw: string): string | undefined {
  const code = raw.replace(/<+$/, '');
  if (!/^[A-Z]{1,3}$/.test(code)) return undefined;
  if (code === 'UTO') return 'UTO'; // Utopia, ICAO's specimen state
  const c = normalizeCountry(code);
  return c.ok ? c.value : undefined;
}

function isoToday(now: Date): string {
  return formatIsoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

/** YYMMDD → ISO. Birth: 20YY unless that is after today, then 19YY. Expiry: 20YY. */
function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: string): string | null | 'impossible' {
  if (yymmdd.length !== 6 || yymmdd.includes('<')) return null;
  const yy = +yymmdd.slice(0, 2);
  const mm = +yymmdd.slice(2, 4);
  const dd = +yymmdd.slice(4, 6);
  let year = 2000 + yy;
  if (kind === 'birth') {
    const candidate = `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
    if (candidate > today) year -= 100;
  }
  if (!isRealDate(year, mm, dd)) return 'impossible';
  return formatIsoDate(year, mm, dd);
}
