/** A small seeded PRNG (mulberry32), so that a size always seeds the same organisation. */
export type Random = (() => number) & {
  pick<T>(list: readonly T[]): T;
  int(min: number, maxExclusive: number): number;
};

export function random(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rnd = next as Random;
  rnd.pick = (list) => list[Math.floor(next() * list.length)]!;
  rnd.int = (min, max) => min + Math.floor(next() * (max - min));
  return rnd;
}
