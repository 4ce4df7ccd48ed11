/**
 * Which ring an entity belongs to, as far as the page knows: entities in
 * the service's responses carry no ring, so membership is learnt from the
 * rings the page has read (GET /rings/{id} lists every member) and from
 * entity details (their `rings.memberOf`). Only current rings count.
 */
import type { EntityDetail, RingDetail } from '../api/types.js';

export class RingIndex {
  private readonly ringOf = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  get(entityId: string): string | undefined {
    return this.ringOf.get(entityId);
  }

  get size(): number {
    return this.ringOf.size;
  }

  addRing(ring: RingDetail): void {
    if (!ring.current) return;
    let changed = false;
    for (const group of [...Object.values(ring.membersByRole), ...Object.values(ring.identifiers)]) {
      for (const e of group) {
        if (this.ringOf.get(e.id) !== ring.id) {
          this.ringOf.set(e.id, ring.id);
          changed = true;
        }
      }
    }
    if (changed) this.emit();
  }

  addEntity(e: EntityDetail): void {
    const current = e.rings.memberOf.find((m) => m.current);
    if (current && this.ringOf.get(e.id) !== current.id) {
      this.ringOf.set(e.id, current.id);
      this.emit();
    }
  }

  onChange(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private emit(): void {
    for (const f of this.listeners) f();
  }
}
