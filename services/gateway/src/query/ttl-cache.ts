/**
 * Results of slow reads (the store's daily rollups: ~1.5 s for a park month on the embedded
 * store, which aggregates on read) kept for `ttlMs`, so a dashboard's repeated loads cost one
 * read. Concurrent misses of one key share the read; a failed read is not kept. At most
 * `maxEntries`, oldest dropped first.
 */
export function ttlCache<T>(options: { readonly ttlMs: number; readonly maxEntries: number; readonly clock: { nowMs(): number } }) {
  const entries = new Map<string, { readonly atMs: number; readonly value: Promise<T> }>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const nowMs = options.clock.nowMs();
    const hit = entries.get(key);
    if (hit !== undefined && nowMs - hit.atMs < options.ttlMs) return hit.value;
    const value = load();
    entries.delete(key);
    entries.set(key, { atMs: nowMs, value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}
