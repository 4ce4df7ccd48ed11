/**
 * Measures for comparing found rings with a planted (or published) truth,
 * used by the benchmarks and tests.
 *
 * NMI (normalized mutual information, arithmetic normalization
 * 2·I(X;Y) / (H(X) + H(Y)), as in L. Danon, A. Díaz-Guilera, J. Duch,
 * A. Arenas, "Comparing community structure identification", J. Stat.
 * Mech. (2005) P09008; scikit-learn's default). 1 = identical partitions.
 * Both labelings must cover the same items; give every item outside any
 * ring a label of its own or a shared "none" label, consistently.
 */

export function nmi(truth: ReadonlyMap<string, string>, found: ReadonlyMap<string, string>): number {
  const n = truth.size;
  if (n === 0) return 1;
  const joint = new Map<string, number>();
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  for (const [item, x] of truth) {
    const y = found.get(item);
    if (y === undefined) throw new Error(`nmi: item ${item} has no found label`);
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    const k = `${x}\u0000${y}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  const h = (m: Map<string, number>): number => {
    let s = 0;
    for (const c of m.values()) s -= (c / n) * Math.log(c / n);
    return s;
  };
  let mi = 0;
  for (const [k, c] of joint) {
    const [x, y] = k.split('\u0000') as [string, string];
    mi += (c / n) * Math.log((c * n) / (a.get(x)! * b.get(y)!));
  }
  const hx = h(a);
  const hy = h(b);
  if (hx + hy === 0) return 1;
  return (2 * mi) / (hx + hy);
}

/** Adjusted Rand index (Hubert & Arabie 1985), for a second opinion next to NMI. */
export function adjustedRand(truth: ReadonlyMap<string, string>, found: ReadonlyMap<string, string>): number {
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  const joint = new Map<string, number>();
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  for (const [item, x] of truth) {
    const y = found.get(item)!;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    const k = `${x}\u0000${y}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  let index = 0;
  for (const c of joint.values()) index += c2(c);
  let sa = 0;
  for (const c of a.values()) sa += c2(c);
  let sb = 0;
  for (const c of b.values()) sb += c2(c);
  const expected = (sa * sb) / c2(truth.size);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
