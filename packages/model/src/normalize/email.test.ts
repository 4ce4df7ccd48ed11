import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it.each([
    [' Ali.Khan@Example.COM ', 'ali.khan@example.com'],
    ['mailto:ali.khan@example.com', 'ali.khan@example.com'],
    ['MAILTO:Ali@Example.com', 'ali@example.com'],
    ['visa+agent_7@mail.example.com.pk', 'visa+agent_7@mail.example.com.pk'],
    ['o\'brien@example.ie', 'o\'brien@example.ie'],
    ['ali＠example.com', 'ali@example.com'], // full-width @
  ])('%j → %s', (raw, address) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, value: address });
  });

  it('keeps Gmail dots and +tags: folding them would be a guess about the provider', () => {
    expect(normalizeEmail('Ali.Khan+visa@gmail.com')).toEqual({ ok: true, value: 'ali.khan+visa@gmail.com' });
    expect(normalizeEmail('alikhan@gmail.com')).toEqual({ ok: true, value: 'alikhan@gmail.com' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ali.khan', 'invalid_email'],
    ['ali@example', 'invalid_email'],
    ['ali@@example.com', 'invalid_email'],
    ['ali@x@example.com', 'invalid_email'],
    ['ali khan@example.com', 'invalid_email'],
    ['Ali Khan <ali@example.com>', 'invalid_email'],
    ['@example.com', 'invalid_email'],
    ['ali@', 'invalid_email'],
    ['.ali@example.com', 'invalid_email'],
    ['ali.@example.com', 'invalid_email'],
    ['ali..khan@example.com', 'invalid_email'],
    ['ali@example..com', 'invalid_email'],
    ['ali@-example.com', 'invalid_email'],
    ['ali@example.c', 'invalid_email'],
    ['ali@192.168.0.1', 'invalid_email'],
    ['ali@[192.168.0.1]', 'invalid_email'],
    ['"ali khan"@example.com', 'invalid_email'],
    [`${'a'.repeat(65)}@example.com`, 'invalid_email'],
  ] as const)('rejects %j as %s', (raw, code) => {
    expect(normalizeEmail(raw)).toMatchObject({ ok: false, code });
  });
});

describe('normalizeEmail properties', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 1, maxLength: 10 });
  const address = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'pk', 'ae', 'org', 'COM'))
    .map(([local, domain, tld]) => `${local.join('.')}@${domain.join('.')}.${tld}`);

  it('case, surrounding whitespace and mailto: do not matter; the result is idempotent', () => {
    fc.assert(
      fc.property(address, fc.constantFrom('', 'mailto:', 'MailTo:'), fc.constantFrom('', ' ', '\t', ' \n'), (a, prefix, ws) => {
        const r = normalizeEmail(`${ws}${prefix}${a}${ws}`);
        expect(r).toEqual({ ok: true, value: a.toLowerCase() });
        if (r.ok) expect(normalizeEmail(r.value)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent on arbitrary accepted input and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = normalizeEmail(s);
        if (r.ok) expect(normalizeEmail(r.value)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});
