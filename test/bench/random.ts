/** A small seeded PRNG (mulberry32): the synthetic organisation is the same for the same seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    /** Log-normal around `median`: a person's typical volume, or one day's variation on it. */
    lognormal: (median: number, sigma: number) => {
      const u = Math.max(1e-12, next());
      const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * gaussian);
    },
    /** Poisson-distributed count (Knuth; fine for the small means used here). */
    poisson: (mean: number) => {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) { k++; p *= next(); }
      return k;
    },
    sample: <T>(items: readonly T[], n: number) => {
      const copy = [...items];
      const out: T[] = [];
      for (let i = 0; i < n && copy.length > 0; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]!);
      return out;
    },
  };
}
export type Rng = ReturnType<typeof rng>;

/** A contact's fingerprint: 16 hex digits, well mixed so sampling levels behave as with SHA-256. */
export function contactFingerprint(id: number): string {
  let h1 = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35) >>> 0;
  let h2 = Math.imul((id + 0x7f4a7c15) ^ 0x27d4eb2f, 0x165667b1) >>> 0;
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x85ebca77) >>> 0;
  return ((h1 ^ (h1 >>> 16)) >>> 0).toString(16).padStart(8, "0") + ((h2 ^ (h2 >>> 16)) >>> 0).toString(16).padStart(8, "0");
}
