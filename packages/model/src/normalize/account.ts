/**
 * Bank accounts: an IBAN (ISO 13616) when the value is shaped like one,
 * validated with ibantools (country, length, BBAN format, mod-97 checksum
 * and, for the countries that have them, national check digits); otherwise
 * a local account written with its bank code.
 */
import { validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, isBlank, preview } from './text.js';

export interface IbanAccount {
  kind: 'iban';
  /** Electronic format: upper case, no separators: `PK36SCBL0000001123456702`. */
  iban: string;
  /** The IBAN's country code (ISO 3166-1 alpha-2, as in the IBAN itself). */
  country: string;
}

export interface LocalAccount {
  kind: 'local';
  /** Bank code letters, upper case: `HBL`. */
  bankCode: string;
  /** Account digits only, leading zeros kept: `0012345678901`. */
  number: string;
}

export type NormalizedAccount = IbanAccount | LocalAccount;

/**
 * Shaped like an IBAN: two letters, two digits, then alphanumerics, 15–34
 * characters in all (the shortest IBAN, Norway's, has 15).
 */
const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;
/** `<bank code> [one of : / - # .] <digits with separators>`. */
const LOCAL = /^([A-Za-z]{2,8})\s*[:/#.-]?\s*([0-9](?:[0-9 ./-]*[0-9])?)$/;
const MIN_LOCAL_DIGITS = 6;
const MAX_LOCAL_DIGITS = 20;

/**
 * `PK36 SCBL 0000 0011 2345 6702`, `iban: pk36scbl0000001123456702` → IBAN;
 * `HBL 0012-3456789-01`, `hbl:00123456789`, `MCB/123 456 789` → local account.
 *
 * An IBAN-shaped value that fails validation is `invalid_iban`: it is never
 * reinterpreted as a local account. A bare number without a bank code is
 * `invalid_account` (the same digits at two banks are two accounts).
 */
export function normalizeAccount(raw: string): NormalizeResult<NormalizedAccount> {
  if (isBlank(raw)) return fail('empty', 'account is empty');
  if (typeof raw !== 'string') return fail('invalid_account', `account must be a string, got ${typeof raw}`);
  const s = cleanIdentifier(raw).replace(/^IBAN(?:\s*[:#.-]\s*|\s+)/i, '');
  const compact = s.replace(/[\s-]+/g, '').toUpperCase();

  if (IBAN_SHAPE.test(compact)) return iban(compact, raw);

  const m = LOCAL.exec(s.replace(/\s+/g, ' '));
  if (m === null) {
    if (/^[0-9 ./-]+$/.test(s)) {
      return fail('invalid_account', `account ${preview(raw)} has no bank code (expected e.g. "HBL 0012-3456789-01")`);
    }
    return fail(
      'invalid_account',
      `account ${preview(raw)} is neither an IBAN nor "<bank code letters> <account digits>"`,
    );
  }
  const bankCode = m[1]!.toUpperCase();
  const number = m[2]!.replace(/\D/g, '');
  if (number.length < MIN_LOCAL_DIGITS || number.length > MAX_LOCAL_DIGITS) {
    return fail(
      'invalid_account',
      `account ${preview(raw)} has ${number.length} digits (a local account has ${MIN_LOCAL_DIGITS}–${MAX_LOCAL_DIGITS})`,
    );
  }
  if (/^0+$/.test(number)) return fail('invalid_account', `account ${preview(raw)} is all zeros`);
  return ok({ kind: 'local', bankCode, number });
}

function iban(compact: string, raw: string): NormalizeResult<NormalizedAccount> {
  const { valid, errorCodes } = validateIBAN(compact);
  if (valid) return ok({ kind: 'iban', iban: compact, country: compact.slice(0, 2) });
  const country = compact.slice(0, 2);
  let why: string;
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) why = `${country} is not an IBAN country`;
  else if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) why = `wrong length (${compact.length}) for a ${country} IBAN`;
  else if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) why = `account part does not match the ${country} IBAN format`;
  else if (errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) why = 'IBAN check digits (mod 97) do not match';
  else if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) why = `national check digits of the ${country} account do not match`;
  else if (errorCodes.includes(ValidationErrorsIBAN.QRIBANNotAllowed)) why = 'QR-IBAN not allowed';
  else why = 'not a valid IBAN';
  return fail('invalid_iban', `account ${preview(raw)} looks like an IBAN but fails validation: ${why}`);
}

/** The key an account is known by: the IBAN, or `BANKCODE:digits` (see localAccountId in ids.ts). */
export function accountKeyOf(account: NormalizedAccount): string {
  return account.kind === 'iban' ? account.iban : `${account.bankCode}:${account.number}`;
}
