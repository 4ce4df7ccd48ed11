/**
 * Numbers between JavaScript and Neo4j, decided here and nowhere else.
 *
 * Reads: the driver is created with `disableLosslessIntegers: true`, so
 * Neo4j INTEGERs arrive as JS numbers. Every integer ringlink stores is a
 * count, a row number or a rank, far below 2^53, so nothing is lost (the
 * driver would round a larger one silently; ringlink never writes one:
 * `int()` refuses unsafe integers, and `param()` sends a number beyond
 * 2^53 as the FLOAT it already is).
 *
 * Writes: the driver sends every JS number as a FLOAT. So that counts, row
 * numbers and integral amounts are INTEGERs in Neo4j (and usable as LIMIT or
 * SKIP), `param()` converts integral JS numbers (safe integers) to Neo4j
 * integers; any other number stays a FLOAT. Per-record contributions to
 * aggregates (PAID amounts, CALLED durations) are sent as plain JS numbers,
 * so they and the sums Cypher computes from them are always FLOATs: a list
 * property holds one type, and a sum must not change type when a
 * fractional amount arrives.
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { RinglinkError, type Properties, type PropertyValue } from '@ringlink/model';

/** Driver configuration that makes INTEGERs come back as JS numbers. */
export const INTEGER_DRIVER_CONFIG = { disableLosslessIntegers: true } as const;

export type ParamValue = string | boolean | number | Integer | null | ParamValue[] | { [key: string]: ParamValue };

/** An integral JS number as a Neo4j INTEGER (LIMIT, SKIP, counts). */
export function int(n: number): Integer {
  if (!Number.isSafeInteger(n)) throw new RinglinkError('INTERNAL', `store: ${n} is not a safe integer`);
  return neo4j.int(n);
}

/** A property value on its way to Neo4j: integral numbers become INTEGERs, the rest is unchanged. */
export function param(value: PropertyValue): ParamValue {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  return value;
}

/** Properties on their way to Neo4j (see `param`). */
export function encodeProps(props: Properties, skip?: ReadonlySet<string>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(props)) {
    if (skip?.has(k)) continue;
    out[k] = param(v);
  }
  return out;
}

/** A value read back (already a JS number with INTEGER_DRIVER_CONFIG), checked to be exact. */
export function toSafeNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || neo4j.isInt(value)) {
    const n = Number(neo4j.isInt(value) ? (value as Integer).toString() : value);
    if (!Number.isSafeInteger(n)) throw new RinglinkError('STORE_ERROR', `store: integer ${String(value)} is outside the safe range`);
    return n;
  }
  throw new RinglinkError('STORE_ERROR', `store: expected a number, got ${typeof value}`);
}
