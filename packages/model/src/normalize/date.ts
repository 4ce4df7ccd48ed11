/**
 * Calendar dates to `YYYY-MM-DD` and instants to `YYYY-MM-DDTHH:mm:ssZ`.
 * Hand-written (a few regular expressions): the accepted forms are a closed
 * list, and a general date library would accept, and guess at, far more.
 *
 * Day-first is the only numeric order read (`05/03/1990` is 5 March, the
 * convention in Pakistan, the Gulf and Europe); `MM/DD/YYYY` is never tried,
 * so `12/31/1990` is `impossible_date` rather than a silent swap. Two-digit
 * years are rejected (the century would be a guess).
 */
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, isBlank, preview } from './text.js';

export interface DateBounds {
  /** Earliest accepted date, `YYYY-MM-DD`, inclusive. */
  min?: string;
  /** Latest accepted date, `YYYY-MM-DD`, inclusive (e.g. today for birth dates). */
  max?: string;
}

export interface TimestampOptions {
  /**
   * Offset of timestamps written without one (`2024-01-05 10:00`), as
   * `Z`, `+05:00` or `-0330`. Default `Z`: naive timestamps are read as UTC.
   */
  defaultOffset?: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const ISO_DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/;
const YMD_SLASH = /^([0-9]{4})([/.])([0-9]{1,2})\2([0-9]{1,2})$/;
const DMY = /^([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})$/;
/** `YYYYMMDD`, years 1000–2999 only, so an 8-digit `DDMMYYYY` is not read as a year-0512 date. */
const COMPACT = /^([12][0-9]{3})([0-9]{2})([0-9]{2})$/;
const D_MON_Y = /^([0-9]{1,2})[\s./-]*([A-Za-z]{3,9})\.?[\s./,-]*([0-9]{4})$/;
const TIME = /^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const ZONE = /^(?:(Z|UTC|GMT)|(?:UTC|GMT)?([+-])([0-9]{2})(?::?([0-9]{2}))?)$/i;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True when y-m-d is a real Gregorian date with a year 0001–9999. */
export function isRealDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type Ymd = [year: number, month: number, day: number];

/** The date forms, or null when none matches (shape only, values unchecked). */
function matchDate(s: string): Ymd | null {
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE.exec(s))) return [+m[1]!, +m[2]!, +m[3]!];
  if ((m = YMD_SLASH.exec(s))) return [+m[1]!, +m[3]!, +m[4]!];
  if ((m = DMY.exec(s))) return [+m[4]!, +m[3]!, +m[1]!];
  if ((m = COMPACT.exec(s))) return [+m[1]!, +m[2]!, +m[3]!];
  if ((m = D_MON_Y.exec(s))) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month !== undefined) return [+m[3]!, month, +m[1]!];
  }
  return null;
}

interface Clock {
  h: number;
  min: number;
  sec: number;
  /** Offset east of UTC in minutes, or undefined when the text names none. */
  offset: number | undefined;
}

/** `10:30`, `10:30:15.250`, `10:30 PM`, each optionally followed by `Z`, `+05:00`, `+0500`, `UTC`. */
function matchTime(s: string): Clock | 'impossible' | null {
  const zm = /(Z|[+-][0-9]{2}(?::?[0-9]{2})?|\s*(?:UTC|GMT)(?:[+-][0-9]{2}(?::?[0-9]{2})?)?)$/i.exec(s);
  let clockText = s;
  let offset: number | undefined;
  if (zm !== null && zm.index > 0) {
    const z = ZONE.exec(zm[0].trim());
    if (z === null) return null;
    clockText = s.slice(0, zm.index).trim();
    if (z[1] !== undefined) offset = 0;
    else {
      const oh = +z[3]!;
      const om = z[4] === undefined ? 0 : +z[4];
      if (oh > 14 || om > 59) return 'impossible';
      offset = (z[2] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  const t = TIME.exec(clockText);
  if (t === null) return null;
  let h = +t[1]!;
  const min = +t[2]!;
  const sec = t[3] === undefined ? 0 : +t[3];
  if (t[5] !== undefined) {
    if (h < 1 || h > 12) return 'impossible';
    const pm = t[5].toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59 || sec > 59) return 'impossible';
  return { h, min, sec, offset };
}

/**
 * `1990-03-05`, `1990/03/05`, `05/03/1990`, `05-03-1990`, `05.03.1990`,
 * `19900305`, `5 Mar 1990`, `05-MAR-1990`, `1990-03-05T10:00:00Z` → `1990-03-05`.
 *
 * For a datetime the date is taken as written (the local calendar date), the
 * time is only checked. `2023-02-30`, month 13 or a date outside the bounds
 * → `impossible_date`; anything else unreadable → `invalid_date`.
 * Bounds must themselves be `YYYY-MM-DD` (a RangeError otherwise: that is a
 * programming error, not bad input).
 */
export function normalizeDate(raw: string, bounds?: DateBounds): NormalizeResult<string> {
  if (bounds?.min !== undefined) checkBound('min', bounds.min);
  if (bounds?.max !== undefined) checkBound('max', bounds.max);
  if (isBlank(raw)) return fail('empty', 'date is empty');
  if (typeof raw !== 'string') return fail('invalid_date', `date must be a string, got ${typeof raw}`);
  const s = cleanIdentifier(raw).replace(/\s+/g, ' ');
  let ymd = matchDate(s);
  if (ymd === null) {
    const split = splitDateTime(s);
    if (split !== null) {
      ymd = matchDate(split.date);
      const clock = matchTime(split.time);
      if (ymd !== null && clock === null) ymd = null;
      if (ymd !== null && clock === 'impossible') {
        return fail('impossible_date', `date ${preview(raw)} has an impossible time of day`);
      }
    }
  }
  if (ymd === null) return fail('invalid_date', `date ${preview(raw)} is not in a recognized form (e.g. YYYY-MM-DD or DD/MM/YYYY)`);
  const [y, m, d] = ymd;
  if (!isRealDate(y, m, d)) return fail('impossible_date', `date ${preview(raw)} does not exist (year ${y}, month ${m}, day ${d})`);
  const iso = formatIsoDate(y, m, d);
  if (bounds?.min !== undefined && iso < bounds.min) return fail('impossible_date', `date ${iso} is before ${bounds.min}`);
  if (bounds?.max !== undefined && iso > bounds.max) return fail('impossible_date', `date ${iso} is after ${bounds.max}`);
  return ok(iso);
}

/**
 * `2024-01-05 10:30`, `2024-01-05T10:30:15`, `2024-01-05T10:30:15.123Z`,
 * `2024-01-05T15:30:15+05:00`, `05/01/2024 10:30 PM`, `2024-01-05` →
 * `2024-01-05T10:30:15Z` (UTC, whole seconds; fractions are truncated).
 *
 * Any date form of normalizeDate may precede the time. A timestamp without
 * an offset is read at `options.defaultOffset` (UTC unless given); a date
 * without a time is midnight UTC. Hour 24, minute 60, second 60 (leap
 * seconds), offsets beyond ±14:00 → `impossible_date`.
 */
export function normalizeTimestamp(raw: string, options?: TimestampOptions): NormalizeResult<string> {
  const defaultOffset = parseOffsetOption(options?.defaultOffset);
  if (isBlank(raw)) return fail('empty', 'timestamp is empty');
  if (typeof raw !== 'string') return fail('invalid_date', `timestamp must be a string, got ${typeof raw}`);
  const s = cleanIdentifier(raw).replace(/\s+/g, ' ');
  const dateOnly = matchDate(s);
  let ymd: Ymd;
  let clock: Clock;
  if (dateOnly !== null) {
    ymd = dateOnly;
    clock = { h: 0, min: 0, sec: 0, offset: 0 };
  } else {
    const split = splitDateTime(s);
    const date = split === null ? null : matchDate(split.date);
    const time = split === null ? null : matchTime(split.time);
    if (date === null || time === null) {
      return fail('invalid_date', `timestamp ${preview(raw)} is not in a recognized form (e.g. YYYY-MM-DDTHH:mm:ssZ)`);
    }
    if (time === 'impossible') return fail('impossible_date', `timestamp ${preview(raw)} has an impossible time of day or offset`);
    ymd = date;
    clock = time;
  }
  const [y, m, d] = ymd;
  if (!isRealDate(y, m, d)) return fail('impossible_date', `timestamp ${preview(raw)} has a date that does not exist`);
  const offset = clock.offset ?? defaultOffset;
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  t.setUTCHours(clock.h, clock.min - offset, clock.sec, 0);
  const year = t.getUTCFullYear();
  if (year < 1 || year > 9999) return fail('impossible_date', `timestamp ${preview(raw)} falls outside years 0001–9999 in UTC`);
  return ok(
    `${formatIsoDate(year, t.getUTCMonth() + 1, t.getUTCDate())}T${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}Z`,
  );
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Splits `<date>T<time>` or `<date> <time>`; the time starts at the first `H:MM`. */
function splitDateTime(s: string): { date: string; time: string } | null {
  const m = /^(.+?)(?:T|\s+|T\s*)([0-9]{1,2}:[0-9]{2}.*)$/i.exec(s);
  if (m === null) return null;
  return { date: m[1]!.trim().replace(/[T,]$/i, '').trim(), time: m[2]!.trim() };
}

function checkBound(name: string, value: string): void {
  const m = ISO_DATE.exec(value);
  if (m === null || value.length !== 10 || !isRealDate(+m[1]!, +m[2]!, +m[3]!)) {
    throw new RangeError(`normalizeDate: bound ${name} must be a real date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

function parseOffsetOption(value: string | undefined): number {
  if (value === undefined) return 0;
  const z = ZONE.exec(value.trim());
  if (z === null) throw new RangeError(`normalizeTimestamp: defaultOffset must be Z or ±HH:MM, got ${JSON.stringify(value)}`);
  if (z[1] !== undefined) return 0;
  const oh = +z[3]!;
  const om = z[4] === undefined ? 0 : +z[4];
  if (oh > 14 || om > 59) throw new RangeError(`normalizeTimestamp: defaultOffset out of range: ${JSON.stringify(value)}`);
  return (z[2] === '-' ? -1 : 1) * (oh * 60 + om);
}
