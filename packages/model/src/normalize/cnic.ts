/**
 * Pakistani Computerised National Identity Card (CNIC / NICOP) numbers:
 * 13 digits, printed `35202-1234567-1` (5-7-1).
 */
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, isBlank, preview } from './text.js';

const PLAIN = /^[0-9]{13}$/;
const DASHED = /^([0-9]{5})-([0-9]{7})-([0-9])$/;

/**
 * `35202-1234567-1`, `3520212345671`, ` 35202 1234567 1 ` → `3520212345671`.
 *
 * Whitespace anywhere is ignored. Dashes are accepted only in the printed
 * 5-7-1 positions (both of them); a dash anywhere else means the value is
 * something else (a phone, an NTN) and is rejected. Exactly 13 digits.
 * Placeholders made of one repeated digit (`0000000000000`,
 * `11111-1111111-1`) are rejected: persons are merged on CNIC, so a filler
 * value would silently merge everyone who has it.
 */
export function normalizeCnic(raw: string): NormalizeResult<string> {
  if (isBlank(raw)) return fail('empty', 'CNIC is empty');
  if (typeof raw !== 'string') return fail('invalid_cnic', `CNIC must be a string, got ${typeof raw}`);
  const s = cleanIdentifier(raw).replace(/\s+/g, '');
  let digits: string;
  if (PLAIN.test(s)) {
    digits = s;
  } else {
    const m = DASHED.exec(s);
    if (m === null) {
      const n = s.replace(/\D/g, '').length;
      if (/^[0-9-]+$/.test(s) && n === 13) {
        return fail('invalid_cnic', `CNIC ${preview(raw)} has dashes outside the 5-7-1 form (35202-1234567-1)`);
      }
      if (/^[0-9-]+$/.test(s)) return fail('invalid_cnic', `CNIC ${preview(raw)} has ${n} digits, not 13`);
      return fail('invalid_cnic', `CNIC ${preview(raw)} contains characters other than digits and dashes`);
    }
    digits = m[1]! + m[2]! + m[3]!;
  }
  if (/^(\d)\1{12}$/.test(digits)) return fail('invalid_cnic', `CNIC ${preview(raw)} is a placeholder (one repeated digit)`);
  return ok(digits);
}
