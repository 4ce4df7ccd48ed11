/**
 * Postal addresses: a matching key (for `address:<key>` ids) and the text as
 * written. Hand-written: there is no address parser for Pakistani addresses
 * worth its weight (libpostal is a 2 GB native model); the key only folds
 * spelling, it never reorders or completes an address.
 */
import { fail, ok, type NormalizeResult } from './result.js';
import { isBlank, stripDiacritics, stripInvisible } from './text.js';

export interface NormalizedAddress {
  /** Matching key: `house 12 street 5 sector f 7 2 islamabad`. */
  key: string;
  /** The address as written, trimmed, whitespace collapsed (NFKC). */
  text: string;
}

/** True for strings of ASCII characters only (the common case, with a fast path). */
const ASCII = /^[\x00-\x7F]*$/;
/** Whitespace that `.replace(/\s+/g, ' ')` would change: a run, or a space other than U+0020. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Abbreviations and spellings folded to one word. */
const WORDS: Readonly<Record<string, string>> = {
  st: 'street', str: 'street', street: 'street',
  rd: 'road', road: 'road',
  house: 'house', hse: 'house',
  apt: 'flat', apartment: 'flat', flat: 'flat',
  sec: 'sector', sect: 'sector', sector: 'sector',
  blk: 'block', block: 'block',
  ave: 'avenue', av: 'avenue', avenue: 'avenue',
  ph: 'phase', phase: 'phase',
  bldg: 'building', building: 'building',
  fl: 'floor', flr: 'floor', floor: 'floor',
  opp: 'opposite', opposite: 'opposite',
  nr: 'near', near: 'near',
  ln: 'lane', lane: 'lane',
  mkt: 'market', market: 'market',
  plz: 'plaza', plaza: 'plaza',
  mohalla: 'mohalla', mohallah: 'mohalla', muhalla: 'mohalla', mohala: 'mohalla', mohalah: 'mohalla', muhallah: 'mohalla',
  gali: 'gali', galli: 'gali', gully: 'gali',
  distt: 'district', dist: 'district', district: 'district',
  teh: 'tehsil', tehsil: 'tehsil',
};

/** Words that only announce a number (`No. 5`, `Street # 5`): dropped before one. */
const NUMBER_WORDS = new Set(['no', 'number', 'num', 'nbr']);

/**
 * `H# 12, St. 5, Sector F-7/2, Islamabad` and `House No 12 Street 5 Sec F7/2 Islamabad`
 * → key `house 12 street 5 sector f 7 2 islamabad`.
 *
 * Key: NFKD without diacritics, lower case, `h#` / `h. no.` / `house no.` →
 * `house`, `#` dropped, other punctuation to spaces, letters and digits
 * split apart (`F7` = `F-7` = `f 7`, ordinals such as `1st` kept whole),
 * the abbreviations of WORDS folded (`h` → `house` only before a number),
 * `no`/`number` dropped before a number, spaces collapsed. Idempotent.
 * Empty, or nothing left after normalization → `empty`.
 */
export function normalizeAddress(raw: string): NormalizeResult<NormalizedAddress> {
  if (isBlank(raw) || typeof raw !== 'string') return fail('empty', 'address is empty');
  // ASCII is unchanged by NFKC and has no invisible characters: skip those passes.
  const trimmed = (ASCII.test(raw) ? raw : stripInvisible(raw.normalize('NFKC'))).trim();
  const text = NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  const key = addressKey(text);
  if (key === '') return fail('empty', 'address has no letters or digits');
  return ok({ key, text });
}

/** The fixed point of keyPass (a pass can expose a pattern to the next: `h no` → `house no` → `house`). */
function addressKey(text: string): string {
  let key = keyPass(text);
  for (let pass = 0; pass < 8; pass++) {
    const next = keyPass(key);
    if (next === key) break;
    key = next;
  }
  return key;
}

const H_HASH = /\bh\s*\.?\s*#/g;
const H_DOT_NO = /\bh\s*\.\s*no\b\.?/g;
const HOUSE_NO = /\bhouse\s*(?:#|no\b\.?)/g;
const ORDINAL = /^\d+(?:st|nd|rd|th)$/;
const STARTS_WITH_NUMBER = /^\p{N}/u;

function keyPass(text: string): string {
  return ASCII.test(text) ? keyPassAscii(text) : keyPassUnicode(text);
}

function keyPassUnicode(text: string): string {
  const s = stripDiacritics(text.toLowerCase())
    .toLowerCase()
    .replace(H_HASH, ' house ')
    .replace(H_DOT_NO, ' house ')
    .replace(HOUSE_NO, ' house ')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  const tokens: string[] = [];
  for (const t of s.split(' ')) {
    if (t === '') continue;
    if (ORDINAL.test(t)) tokens.push(t);
    else for (const part of t.split(/(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/u)) tokens.push(part);
  }
  return fold(tokens, false);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

/**
 * keyPassUnicode for ASCII text, without the Unicode passes: NFKD and
 * diacritics change nothing, letters are a–z after lower-casing, digits 0–9.
 * Same result, character for character (tested against keyPassUnicode).
 */
function keyPassAscii(text: string): string {
  let s = text.toLowerCase();
  // Each pattern needs a character the text may not have: skip the scan then.
  if (s.includes('#')) s = s.replace(H_HASH, ' house ');
  if (s.includes('.')) s = s.replace(H_DOT_NO, ' house ');
  if (s.includes('house')) s = s.replace(HOUSE_NO, ' house ');
  if (s.includes("'")) s = s.replace(/'/g, '');
  const tokens: string[] = [];
  const n = s.length;
  for (let i = 0; i < n; ) {
    if (!isAlnumCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isAlnumCode(s.charCodeAt(j))) j++;
    const t = s.slice(i, j);
    if (ORDINAL.test(t)) {
      tokens.push(t);
    } else {
      // Letters and digits apart: `f7` → `f 7`.
      let from = i;
      for (let k = i + 1; k < j; k++) {
        if (isDigitCode(s.charCodeAt(k)) !== isDigitCode(s.charCodeAt(k - 1))) {
          tokens.push(s.slice(from, k));
          from = k;
        }
      }
      tokens.push(from === i ? t : s.slice(from, j));
    }
    i = j;
  }
  return fold(tokens, true);
}

/** Folds the tokens of one pass: number words before a number dropped, `h` as `house`, WORDS abbreviations. */
function fold(tokens: readonly string[], ascii: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const beforeNumber = next !== undefined && (ascii ? isDigitCode(next.charCodeAt(0)) : STARTS_WITH_NUMBER.test(next));
    if (NUMBER_WORDS.has(t) && beforeNumber) continue;
    if (t === 'h' && (beforeNumber || (next !== undefined && NUMBER_WORDS.has(next)))) {
      out.push('house');
      continue;
    }
    out.push(WORDS[t] ?? t);
  }
  return out.join(' ');
}
