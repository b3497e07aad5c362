/** Deterministic PRNG (mulberry32): the same seed always yields the same sequence. */
export interface Random {
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  chance(probability: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
    chance: (probability) => next() < probability,
  };
}

/** A UUIDv7 whose timestamp is `ms` and whose random bits come from `random` (reproducible ids). */
export function seededUuidv7(ms: number, random: Random): string {
  const hex = (value: number, width: number): string => value.toString(16).padStart(width, "0");
  const rand = (bits: number): number => Math.floor(random.next() * 2 ** bits);
  const time = hex(Math.max(0, Math.floor(ms)), 12);
  const variant = hex(0x8 | rand(2), 1);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(rand(12), 3)}-${variant}${hex(rand(12), 3)}-${hex(rand(24), 6)}${hex(rand(24), 6)}`;
}
