/**
 * Union–find over person keys (`cnic:…`, `passport:PAK:…`, `record:…`).
 * Two keys seen in one record belong to one person; persons are merged on
 * strong identifiers only, transitively, whatever order the records come in.
 * Each cluster tracks its best key so the person's id follows the id rule
 * (CNIC, else passport, else record) as the cluster grows.
 *
 * Keys are numbered in the order they are added (one Map lookup per key);
 * the forest itself lives in arrays of those numbers, so the resolver can
 * work with numbers and never rebuilds key or id strings on the hot path.
 */
import { cnicPersonId, passportPersonId, personIdStrength } from '@ringlink/model';

export function personIdOfKey(key: string): string {
  if (key.startsWith('cnic:')) return cnicPersonId(key.slice(5));
  if (key.startsWith('passport:')) {
    const rest = key.slice(9);
    const at = rest.indexOf(':');
    return passportPersonId(rest.slice(0, at), rest.slice(at + 1));
  }
  return key.slice('record:'.length);
}

/** personIdStrength(personIdOfKey(key)), without building the id for the common kinds. */
function keyStrength(key: string): number {
  if (key.startsWith('cnic:')) return 3;
  if (key.startsWith('passport:')) return 2;
  return personIdStrength(personIdOfKey(key));
}

export class PersonClusters {
  private readonly index = new Map<string, number>();
  private readonly keyOf: string[] = [];
  private readonly strength: number[] = [];
  private readonly parent: number[] = [];
  /** Valid at roots: number of keys in the cluster. */
  private readonly size: number[] = [];
  /** Valid at roots: the cluster's best key (stronger first, then lexicographic). */
  private readonly best: number[] = [];

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The number of a key, or -1 when it was never added. */
  indexOf(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /** Adds the key if it is new; returns its number. */
  intern(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keyOf.length;
      this.index.set(key, i);
      this.keyOf.push(key);
      this.strength.push(keyStrength(key));
      this.parent.push(i);
      this.size.push(1);
      this.best.push(i);
    }
    return i;
  }

  /** The key with number `i`. */
  keyAt(i: number): string {
    return this.keyOf[i]!;
  }

  /** Root number of the cluster holding key number `i` (with path compression). */
  rootOf(i: number): number {
    const parent = this.parent;
    let root = i;
    for (let p = parent[root]!; p !== root; p = parent[root]!) root = p;
    while (i !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Number of the best key of the cluster holding key number `i`. */
  bestOf(i: number): number {
    return this.best[this.rootOf(i)]!;
  }

  /** Ordering of keys for the id rule: stronger first, then lexicographic for determinism. */
  private better(a: number, b: number): boolean {
    const sa = this.strength[a]!;
    const sb = this.strength[b]!;
    return sa !== sb ? sa > sb : this.keyOf[a]! < this.keyOf[b]!;
  }

  /** Joins the clusters of key numbers `a` and `b`; returns the root number. */
  unionAt(a: number, b: number): number {
    let ra = this.rootOf(a);
    let rb = this.rootOf(b);
    if (ra === rb) return ra;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = this.size[ra]! + this.size[rb]!;
    const ba = this.best[ra]!;
    const bb = this.best[rb]!;
    this.best[ra] = this.better(bb, ba) ? bb : ba;
    return ra;
  }

  /** The root key of the cluster holding `key` (the key itself when unknown). */
  find(key: string): string {
    const i = this.index.get(key);
    return i === undefined ? key : this.keyOf[this.rootOf(i)]!;
  }

  add(key: string): void {
    this.intern(key);
  }

  union(a: string, b: string): string {
    return this.keyOf[this.unionAt(this.intern(a), this.intern(b))]!;
  }

  /** The person id of the cluster holding `key`. */
  idOf(key: string): string {
    const i = this.index.get(key);
    if (i === undefined) throw new TypeError(`person key ${JSON.stringify(key)} is not in any cluster`);
    return personIdOfKey(this.keyOf[this.bestOf(i)]!);
  }

  /** Every key, in the order they were added. */
  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  /** Number of keys. */
  get count(): number {
    return this.keyOf.length;
  }
}
