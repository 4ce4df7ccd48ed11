/**
 * The last line of redaction: before any byte of a redacted package is
 * written, its text is scanned for the raw identifiers of the third parties
 * (ids, phone numbers, IBANs, CNICs, passport and document numbers, e-mail
 * addresses, multi-word names and addresses). A hit throws: a package that
 * would leak is not produced (fail closed).
 *
 * Matching is on words: text is lower-cased and split on anything that is
 * not a letter or digit, and a phrase matches when its words appear
 * consecutively. So `phone:+923001234567`, `+923001234567` and
 * `"923001234567"` all match the phrase `923001234567`, while a digest or a
 * longer number that merely contains it does not.
 *
 * Phrases that also occur in what the package shows of its members (a
 * member's own id or properties: a bank-statement document whose number is
 * a third party's IBAN, two people with the same name) cannot be masked
 * without altering the member; they are exempted and counted.
 */
import { RinglinkError } from '@ringlink/model';

const MAX_WORDS = 8;

const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function wordsOf(text: string): string[] {
  const lower = text.toLowerCase();
  // ASCII text (most rows) splits with a plain class; the Unicode-aware split only when needed. Same words either way.
  const parts = ASCII_ONLY.test(lower) ? lower.split(/[^a-z0-9]+/) : lower.split(/[^\p{L}\p{N}]+/u);
  return parts.filter((w) => w.length > 0);
}

/** The phrase form of a value (its words, joined by one space, at most MAX_WORDS), or undefined when too weak to check. */
export function phraseOf(value: string, minWords = 1): string | undefined {
  const words = wordsOf(value).slice(0, MAX_WORDS);
  if (words.length < minWords) return undefined;
  // A single short word (a country code, "1") is not an identifier.
  if (words.length === 1 && words[0]!.length < 5) return undefined;
  return words.join(' ');
}

export class LeakGuard {
  /** First word → phrases (as word arrays) starting with it. */
  private readonly byFirst = new Map<string, string[][]>();
  private readonly owner = new Map<string, string>();
  private readonly exempt = new Set<string>();

  /** `phrases`: phrase → a description of whose it is (a masked id, never the raw value). */
  constructor(phrases: ReadonlyMap<string, string>) {
    for (const [phrase, who] of phrases) {
      const words = phrase.split(' ');
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push(words);
      this.byFirst.set(words[0]!, list);
      this.owner.set(phrase, who);
    }
  }

  get size(): number {
    return this.owner.size;
  }

  /** Phrases found in `text` (not exempted). */
  find(text: string): string[] {
    if (this.byFirst.size === 0) return [];
    const words = wordsOf(text);
    const hits: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirst.get(words[i]!);
      if (!candidates) continue;
      for (const phrase of candidates) {
        if (i + phrase.length > words.length) continue;
        let match = true;
        for (let k = 1; k < phrase.length; k++) {
          if (words[i + k] !== phrase[k]) { match = false; break; }
        }
        if (!match) continue;
        const joined = phrase.join(' ');
        if (!this.exempt.has(joined)) hits.push(joined);
      }
    }
    return hits;
  }

  /** Exempts every phrase found in the members' own text; returns the owners exempted. */
  exemptFoundIn(texts: Iterable<string>): Set<string> {
    const owners = new Set<string>();
    for (const t of texts) {
      for (const phrase of this.find(t)) {
        this.exempt.add(phrase);
        owners.add(this.owner.get(phrase)!);
      }
    }
    return owners;
  }

  /** Throws when `text` holds a third party's raw identifier. `where` names the file. */
  check(text: string, where: string): void {
    const hits = this.find(text);
    if (hits.length === 0) return;
    const whose = [...new Set(hits.map((h) => this.owner.get(h)!))].slice(0, 5);
    throw new RinglinkError(
      'INTERNAL',
      `export: redaction would leak ${hits.length} third-party identifier(s) into ${where} (of ${whose.join(', ')}); the package was not produced`,
      { details: { file: where, owners: whose } },
    );
  }
}
