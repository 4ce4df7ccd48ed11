import { describe, expect, it } from 'vitest';
import { canonicalJson, csvLine } from './csv-files.js';

describe('csv cells', () => {
  it('quotes per RFC 4180, ends lines with CRLF and defuses spreadsheet formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3, true, null])).toBe('a,"b,c","say ""hi""","two\nlines",3,true,\r\n');
    expect(csvLine(['=HYPERLINK("x")', '+92300', '-1', '@sum'])).toBe(`"'=HYPERLINK(""x"")",'+92300,'-1,'@sum\r\n`);
  });

  it('writes JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });
});
