/**
 * A map holding at most `capacity` entries, dropping the oldest inserted first. First-in-first-out rather
 * than least-recently-used: a hit costs one lookup instead of a delete and a re-insert, and for memos of
 * catalog data, where a recently fetched track is the likely next hit anyway, the difference is small.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
