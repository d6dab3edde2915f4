/**
 * Stateless seeded noise: a value for any (seed, key, position) without running a
 * generator up to it, so a signal at a given instant is the same whatever was read before
 * (a transformer can sum its enterprises' loads at any time; a later start agrees).
 */

/** A 32-bit integer hash of two integers (a murmur3-style finaliser). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) for a seed and an integer position. */
export function hashUnit(seed: number, position: number): number {
  const low = position >>> 0;
  const high = Math.floor(position / 4294967296) >>> 0;
  return mix(mix(seed >>> 0, high), low) / 4294967296;
}

/**
 * Smooth noise in [-1, 1]: random values at integer knots, cosine-interpolated between
 * them, so it wanders rather than jumps (x in knot units, e.g. minutes / 10).
 */
export function valueNoise(seed: number, x: number): number {
  const knot = Math.floor(x);
  const a = hashUnit(seed, knot) * 2 - 1;
  const b = hashUnit(seed, knot + 1) * 2 - 1;
  const w = (1 - Math.cos((x - knot) * Math.PI)) / 2;
  return a + (b - a) * w;
}
