// Seeded randomness for the virtual greenhouse. The generator's whole state is one uint32 kept in
// a plain object, so a greenhouse state stays JSON and two runs from the same seed match bit for
// bit on every machine (no Math.random, no clock).

/** A mulberry32 stream; `s` is its entire state. */
export type Rng = { s: number };

export function rng(seed: number): Rng {
  return { s: seed >>> 0 };
}

/** Next number in [0, 1) (mulberry32, T. Ettinger: small, fast, passes PractRand to 2^32). */
export function random(r: Rng): number {
  r.s = (r.s + 0x6d2b79f5) >>> 0;
  let t = r.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Standard normal draw (Box–Muller); `1 - u` keeps the logarithm finite. */
export function gaussian(r: Rng): number {
  const u = 1 - random(r);
  const v = random(r);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Integer uniformly in [-n, n]. */
export function jitter(r: Rng, n: number): number {
  return Math.floor(random(r) * (2 * n + 1)) - n;
}

/** A seed for an independent stream derived from a parent seed (so weather and sensor noise do not share draws). */
export function substream(seed: number, salt: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
}
