/**
 * Union–find over person keys (`cnic:…`, `passport:PAK:…`, `record:…`).
 * Two keys seen in one record belong to one person; persons are merged on
 * strong identifiers only, transitively, whatever order the records come in.
 * Each cluster tracks its best key so the person's id follows the id rule
 * (CNIC, else passport, else record) as the cluster grows.
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

/** Ordering of keys for the id rule: stronger first, then lexicographic for determinism. */
function better(a: string, b: string): boolean {
  const sa = personIdStrength(personIdOfKey(a));
  const sb = personIdStrength(personIdOfKey(b));
  return sa !== sb ? sa > sb : a < b;
}

export class PersonClusters {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();
  private readonly best = new Map<string, string>();

  has(key: string): boolean {
    return this.parent.has(key);
  }

  find(key: string): string {
    let root = key;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    // Path compression.
    let node = key;
    while (node !== root) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  add(key: string): void {
    if (this.parent.has(key)) return;
    this.parent.set(key, key);
    this.size.set(key, 1);
    this.best.set(key, key);
  }

  union(a: string, b: string): string {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
    const ba = this.best.get(ra)!;
    const bb = this.best.get(rb)!;
    this.best.set(ra, better(bb, ba) ? bb : ba);
    this.size.delete(rb);
    this.best.delete(rb);
    return ra;
  }

  /** The person id of the cluster holding `key`. */
  idOf(key: string): string {
    return personIdOfKey(this.best.get(this.find(key))!);
  }

  keys(): IterableIterator<string> {
    return this.parent.keys();
  }
}
