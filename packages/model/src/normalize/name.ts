/**
 * Person names: a display form (normalizeName), a matching key (nameKey)
 * that folds the common romanizations of Arabic, Urdu, Pashto and Persian
 * names onto one spelling, and a similarity score on keys (nameSimilarity).
 *
 * Keys are for finding candidates (POSSIBLY_SAME_AS, look-ups), never for
 * merging persons: two people called Muhammad Ali Khan share a key.
 */
import { stripDiacritics, stripInvisible } from './text.js';

/**
 * The display form: Unicode NFKC, invisible characters removed, trimmed,
 * runs of whitespace to one space. Letter case is kept as given.
 */
export function normalizeName(raw: string): string {
  if (typeof raw !== 'string') return '';
  return stripInvisible(raw.normalize('NFKC')).trim().replace(/\s+/g, ' ');
}

/**
 * Same-origin romanizations folded to one canonical token. Only spellings of
 * the same name are grouped (Yusuf/Yousaf, never Yusuf/Joseph); pairs that
 * are different names in Arabic (Hasan/Hassaan, Hamid/Hameed, Salim/Saleem,
 * Rashid/Rasheed, Hussain/Hasan) are left apart.
 */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  muhammad: ['mohammad', 'mohammed', 'mohamed', 'muhammed', 'mohamad', 'muhamad', 'muhamed', 'mohammod', 'mohummad', 'muhammod', 'mohd', 'muhd', 'mhd', 'md'],
  ahmad: ['ahmed', 'ahmet', 'ahamed', 'ahmod'],
  mahmood: ['mahmud', 'mahmoud', 'mehmood', 'mehmud', 'mahmod', 'mahmut'],
  usman: ['osman', 'uthman', 'othman', 'usmaan', 'osmaan', 'usmon'],
  hussain: ['hussein', 'husain', 'hossain', 'husein', 'hossein', 'hosain', 'husayn', 'hussayn', 'husseyn'],
  hasan: ['hassan', 'hasen'],
  ali: ['aly'],
  khan: ['khaan'],
  abdul: ['abdool', 'abdoul', 'abdel', 'abdal', 'abdu', 'abdur', 'abdus', 'abdush', 'abdun', 'abduz', 'abd'],
  abdullah: ['abdulla', 'abdallah', 'abdalla', 'abdellah', 'abdoullah'],
  rahman: ['rehman', 'rahmaan', 'rehmaan', 'rahmon'],
  iqbal: ['ikbal', 'iqbaal', 'ekbal'],
  yusuf: ['yousuf', 'yousaf', 'yusef', 'yousef', 'youssef', 'yussuf', 'yusof', 'yousif', 'yosuf'],
  zainab: ['zaynab', 'zeinab', 'zenab', 'zainub'],
  fatima: ['fatimah', 'fatema', 'fathima', 'fatemah', 'fathimah', 'fatma'],
  aisha: ['ayesha', 'aysha', 'aishah', 'ayisha', 'aesha', 'ayeshah', 'aicha'],
  sheikh: ['shaikh', 'shaykh', 'sheik', 'shaik', 'shekh', 'sheekh'],
  chaudhry: ['chaudhary', 'choudhury', 'chaudhri', 'chowdhury', 'chowdhry', 'choudhry', 'chaudhari', 'choudhary', 'chaudry', 'chowdhary', 'ch'],
  mustafa: ['mustapha', 'mostafa', 'moustafa', 'mustafah'],
  ibrahim: ['ebrahim', 'ibraheem', 'ebraheem', 'ibrahem'],
  ismail: ['esmail', 'ismaeel', 'ismaiel', 'ismayil'],
  ishaq: ['ishak', 'ishaaq'],
  yaqub: ['yakub', 'yaqoob', 'yakoob', 'yaqoub', 'yacoub', 'yaqob'],
  umar: ['omar', 'omer', 'umer'],
  ayub: ['ayoub', 'ayoob', 'ayyub', 'ayyoub'],
  yunus: ['younus', 'younis', 'yunis', 'younes', 'yunes'],
  hamza: ['hamzah', 'hamzeh'],
  saeed: ['said', 'saied', 'saeid', 'sayeed'],
  syed: ['sayed', 'sayyid', 'sayyed', 'seyed', 'saiyid', 'sayid', 'seyyed', 'saiyed'],
  qureshi: ['quraishi', 'qurashi', 'kureshi', 'quraishy', 'qureishi'],
  siddiqui: ['siddiqi', 'siddiqee', 'sidiqui', 'siddiquee'],
  javed: ['javaid', 'jawed', 'javid', 'jawaid'],
  pervez: ['parvez', 'parvaiz', 'pervaiz', 'parviz', 'perwez'],
  iftikhar: ['iftekhar', 'iftakhar'],
  tariq: ['tarik', 'tareq', 'tarek'],
  khalid: ['khaled'],
  zubair: ['zubayr', 'zobair', 'zubeir', 'zubeyr'],
  bilal: ['belal'],
  jamal: ['jamaal', 'gamal'],
  jamil: ['jameel', 'gamil'],
  karim: ['kareem'],
  rahim: ['raheem'],
  naeem: ['naim', 'nayeem'],
  abbas: ['abass'],
  zulfiqar: ['zulfikar', 'zolfaghar', 'zulfiqaar'],
  noor: ['nur', 'noer'],
  ghulam: ['gulam', 'golam', 'gholam'],
  rasool: ['rasul', 'rasoul'],
  raza: ['reza', 'riza', 'rida', 'ridha'],
  mahdi: ['mehdi'],
  jafar: ['jaffar', 'jafer', 'jaafar', 'jaffer'],
  haider: ['hyder', 'haidar', 'hayder'],
  fazal: ['fazl', 'fazle'],
  sulaiman: ['suleman', 'sulayman', 'suleiman', 'sulaman', 'soleiman', 'suliman', 'sulaimaan'],
  idris: ['idrees', 'idriss'],
  ilyas: ['elyas', 'iliyas', 'ilias'],
  musa: ['moosa', 'mousa'],
  isa: ['eesa', 'issa'],
  nauman: ['nouman', 'noman', 'numan', 'nomaan'],
  shoaib: ['shuaib', 'shuayb', 'shoayb'],
  zakariya: ['zakaria', 'zakariyya', 'zakariah', 'zakariyah'],
  yahya: ['yahia', 'yehia', 'yahiya'],
  qasim: ['kasim', 'qassim', 'kassim', 'qassem', 'qasem'],
  qadir: ['kadir', 'qader', 'qaadir', 'kader'],
  akbar: ['akber'],
  asghar: ['asgar', 'asgher'],
  zafar: ['zaffar', 'zafer'],
  anwar: ['anwer', 'anver', 'enver'],
  imran: ['emran'],
  irfan: ['erfan'],
  asif: ['aasif'],
  begum: ['begam'],
  maryam: ['mariam', 'mariyam'],
  khadija: ['khadijah', 'khadeeja', 'khadeejah'],
  amina: ['aminah', 'ameena', 'amena'],
  zahra: ['zehra', 'zohra'],
  haji: ['hajji', 'alhaj', 'alhaji', 'hajee'],
  maulana: ['molana', 'moulana', 'maulvi', 'molvi', 'moulvi'],
  uddin: ['uddeen', 'eddin', 'eddine', 'addin', 'aldin', 'uldin', 'udin'],
  sultan: ['soltan'],
  waqas: ['waqaas'],
};

/** Names after `Abdul` ("servant of" + a divine name): their spellings fold only in that position. */
const ABDUL_NAMES: Readonly<Record<string, readonly string[]>> = {
  rahman: ['rehman', 'rahmaan', 'rehmaan'],
  rahim: ['raheem'],
  karim: ['kareem'],
  qadir: ['qader', 'kadir', 'qaadir', 'kader'],
  aziz: ['azeez', 'aziiz'],
  hamid: ['hameed'],
  majid: ['majeed'],
  latif: ['lateef'],
  ghafoor: ['ghafur', 'ghafour', 'gafoor'],
  ghaffar: ['gaffar'],
  jabbar: ['jabar'],
  wahab: ['wahhab', 'wahaab'],
  razzaq: ['razaq', 'razak', 'razzak', 'razzaque'],
  salam: ['salaam'],
  sattar: ['satar'],
  hakim: ['hakeem'],
  haq: ['haque', 'hak', 'haqq'],
  khaliq: ['khaleq'],
  qayyum: ['qayum', 'qayoom', 'qayyoom', 'kayum'],
  rauf: ['raoof', 'raouf'],
  rashid: ['rasheed'],
  samad: ['samed'],
  shakoor: ['shakur'],
  wahid: ['waheed'],
  basit: ['baset'],
  jalil: ['jaleel'],
  nasir: ['naseer'],
  ghani: ['ghanee'],
  mannan: ['manan'],
  quddus: ['quddoos', 'qudus'],
  wadood: ['wadud'],
  hafeez: ['hafiz'],
  mateen: ['matin'],
  mujeeb: ['mujib'],
  aleem: ['alim'],
  kabir: ['kabeer'],
  malik: ['malek'],
  hai: ['hay', 'hayy'],
  bari: ['baree'],
};

function invert(table: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(table)) {
    out.set(canonical, canonical);
    for (const v of variants) out.set(v, canonical);
  }
  return out;
}

const VARIANT_OF = invert(VARIANTS);
const ABDUL_NAME_OF = invert(ABDUL_NAMES);
/** Arabic article and its assimilated forms, as written between `Abd` and a name. */
const PARTICLES = new Set(['al', 'el', 'ul', 'ur', 'ar', 'us', 'as', 'ud', 'ad', 'un', 'an', 'uz', 'az', 'ush', 'ash', 'ut', 'at']);
/** Spellings of `Abd` + article written as one word with the name, longest first. */
const ABDUL_PREFIXES = ['abdool', 'abdoul', 'abdush', 'abdul', 'abdel', 'abdal', 'abdur', 'abdus', 'abdun', 'abduz', 'abd'];
const DIN = new Set(['din', 'deen', 'dine']);
const DIN_PARTICLES = new Set(['ud', 'ad', 'al', 'el', 'ed', 'ul']);

/** Arabic-script letter variants folded to the Urdu/Persian forms (ي ى → ی, ك → ک, ة ۃ ہ → ه). */
function foldArabicScript(s: string): string {
  return s.replace(/[\u064A\u0649]/g, '\u06CC').replace(/\u0643/g, '\u06A9').replace(/[\u0629\u06C3\u06C1]/g, '\u0647');
}

function tokenize(raw: string): string[] {
  const s = foldArabicScript(stripDiacritics(stripInvisible(raw).toLowerCase()).toLowerCase())
    .replace(/['’‘`´ʼʻʽʾʿ′]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s === '' ? [] : s.split(' ');
}

function foldToken(t: string): string {
  const v = VARIANT_OF.get(t);
  if (v !== undefined) return v;
  if (t.length > 4 && t.endsWith('ulla')) return `${t}h`; // Rahmatulla → rahmatullah
  return t;
}

/**
 * The matching key: NFKD with diacritics removed, lower case, apostrophes
 * dropped (`Sa'eed` → `saeed`), other punctuation to spaces, and each token
 * folded through the variant table, in the original order:
 *
 *   `Md. Ali Khan`, `MOHAMMED  ALI KHAN`, `Muḥammad ʿAlī Khān` → `muhammad ali khan`
 *   `Abd al-Rahman`, `Abdul Rehman`, `Abdurrahman` → `abdul rahman`
 *   `Moin-ud-Din` → `moin uddin`
 *
 * Idempotent: nameKey(nameKey(x)) === nameKey(x).
 */
export function nameKey(raw: string): string {
  if (typeof raw !== 'string') return '';
  // The key is the fixed point of the folding pass (one pass can expose a
  // pattern to the next, e.g. a particle that ends up after `abdul`); it is
  // reached in one or two passes, the bound is only a guard.
  let tokens = tokenize(raw);
  for (let pass = 0; pass < 8; pass++) {
    const next = foldPass(tokens);
    if (next.length === tokens.length && next.every((t, i) => t === tokens[i])) break;
    tokens = next;
  }
  return tokens.join(' ');
}

function foldPass(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // ud din, ad-din, al din → uddin
    if (DIN_PARTICLES.has(t) && next !== undefined && DIN.has(next)) {
      out.push('uddin');
      i++;
      continue;
    }
    const folded = foldToken(t);
    if (folded === 'abdul') {
      out.push('abdul');
      // Abd al-Rahman: the article goes, the name after it folds in Abdul position.
      let j = i + 1;
      if (isParticle(tokens[j]) && tokens[j + 1] !== undefined && !isParticle(tokens[j + 1])) j++;
      const name = tokens[j];
      if (name !== undefined && !isParticle(name)) {
        out.push(ABDUL_NAME_OF.get(name) ?? foldToken(name));
        i = j;
      }
      continue;
    }
    // Abdulrahman, Abdurrehman, Abdelkader: split when the rest is a known Abdul-name.
    const name = VARIANT_OF.has(t) ? undefined : abdulCompound(t);
    if (name !== undefined) {
      out.push('abdul', name);
      continue;
    }
    out.push(folded);
  }
  return out;
}

function isParticle(t: string | undefined): boolean {
  return t !== undefined && PARTICLES.has(t);
}

/** `abdurrahman` → `rahman`: the Abdul-name inside a one-word Abd… compound, if it is a known one. */
function abdulCompound(t: string): string | undefined {
  for (const prefix of ABDUL_PREFIXES) {
    if (t.length <= prefix.length + 1 || !t.startsWith(prefix)) continue;
    const name = ABDUL_NAME_OF.get(t.slice(prefix.length));
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * Jaro–Winkler similarity of two strings (Winkler's prefix scale 0.1, at
 * most 4 prefix characters). Hand-written: ~30 lines, no dependency.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // Match flags in reused scratch arrays (no allocation per pair: called for every candidate pair).
  if (la > matchedA.length) matchedA = new Uint8Array(la * 2);
  if (lb > matchedB.length) matchedB = new Uint8Array(lb * 2);
  const ma = matchedA;
  const mb = matchedB;
  ma.fill(0, 0, la);
  mb.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (mb[j] === 0 && c === b.charCodeAt(j)) {
        ma[i] = mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (ma[i] === 0) continue;
    while (mb[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

/** Merges two adjacent tokens of `tokens` when their concatenation is a token of `other` (`moin uddin` ~ `moinuddin`). */
function joinCompounds(tokens: readonly string[], other: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = tokens[i]! + (tokens[i + 1] ?? '');
    if (i + 1 < tokens.length && other.has(pair) && !other.has(tokens[i]!)) {
      out.push(pair);
      i++;
    } else {
      out.push(tokens[i]!);
    }
  }
  return out;
}

/**
 * Token pairs scoring below this count as no match. Without it, short
 * unrelated tokens score high (Jaro–Winkler of `ali`/`asif` is 0.75) and a
 * shared `Muhammad` alone would make two names look alike.
 */
export const TOKEN_MATCH_MIN = 0.8;

/** Greedy best-match alignment: each token of `a` pairs with at most one of `b`, best pairs first. */
function alignedScore(a: readonly string[], b: readonly string[]): number {
  const pairs: Array<[score: number, i: number, j: number]> = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const score = jaroWinkler(a[i]!, b[j]!);
      if (score >= TOKEN_MATCH_MIN) pairs.push([score, i, j]);
    }
  }
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  for (const [score, i, j] of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    sum += score;
  }
  // Unmatched tokens count as 0: "Muhammad Ali Khan" vs "Ali Khan" = 2·2/5 = 0.8.
  return (2 * sum) / (a.length + b.length);
}

/**
 * Similarity of two names in [0, 1], computed on their keys (so raw names
 * or keys may be passed): tokens are aligned best-match first with
 * Jaro–Winkler per token (pairs below TOKEN_MATCH_MIN count as unmatched),
 * scored 2·Σmatched / (tokens of a + tokens of b), order-insensitive
 * ("Khan Ali" = "Ali Khan" = 1),
 * and a token that equals two adjacent tokens of the other name counts as
 * one ("Moinuddin" = "Moin-ud-Din"). Symmetric. 0 when either is empty.
 */
export function nameSimilarity(a: string, b: string): number {
  return nameSimilarityOfTokens(nameTokens(a), nameTokens(b));
}

/** The tokens nameSimilarity compares for a name: those of its key. */
export function nameTokens(name: string): string[] {
  return nameKey(name).split(' ').filter(Boolean);
}

/**
 * nameSimilarity of two names given as their nameTokens (for a caller that
 * compares each name with many others: the tokens are computed once).
 */
export function nameSimilarityOfTokens(ta: readonly string[], tb: readonly string[]): number {
  if (ta.length === 0 || tb.length === 0) return 0;
  const ja = joinCompounds(ta, new Set(tb));
  const jb = joinCompounds(tb, new Set(ta));
  const score = (alignedScore(ja, jb) + alignedScore(jb, ja)) / 2;
  return Math.min(1, Math.max(0, score));
}
