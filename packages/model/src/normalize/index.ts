/**
 * Identifier normalizers. Each returns a NormalizeResult (never throws on
 * bad input, never guesses) except the key builders (normalizeName, nameKey,
 * organizationKey), which return a string ('' when nothing is left).
 */
export * from './result.js';
export * from './phone.js';
export * from './account.js';
export * from './cnic.js';
export * from './country.js';
export * from './passport.js';
export * from './mrz.js';
export * from './email.js';
export * from './name.js';
export * from './date.js';
export * from './address.js';
export * from './organization.js';
