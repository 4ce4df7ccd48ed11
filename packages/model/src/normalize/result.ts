/**
 * What every normalizer returns: the normalized value, or a reason it could
 * not be normalized. Normalizers never guess and never throw on bad input.
 */
export type NormalizeIssueCode =
  | 'empty'
  | 'invalid_phone'
  | 'invalid_iban'
  | 'invalid_account'
  | 'invalid_cnic'
  | 'invalid_passport'
  | 'invalid_country'
  | 'invalid_mrz'
  | 'mrz_check_digit'
  | 'invalid_email'
  | 'invalid_date'
  | 'impossible_date'
  | 'invalid_number';

export type NormalizeResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: NormalizeIssueCode; message: string };

export const ok = <T>(value: T): NormalizeResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: NormalizeIssueCode, message: string): NormalizeResult<T> => ({
  ok: false,
  code,
  message,
});
