/** A seeded pseudo-random source, so the same --seed always yields byte-identical trees. */

/** mulberry32: tiny, fast and good enough for picking shapes of code. */
export function createRandom(seed) {
  let state = seed >>> 0;
  function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const random = {
    next,
    /** Integer in [min, max], both ends included. */
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(probability) {
      return next() < probability;
    },
    pick(items) {
      return items[Math.floor(next() * items.length)];
    },
    /** Picks a key of `weights` with probability proportional to its value. */
    weighted(weights) {
      const entries = Object.entries(weights);
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    /** `count` distinct items, in random order. */
    sample(items, count) {
      const pool = [...items];
      const picked = [];
      while (picked.length < count && pool.length > 0) {
        picked.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
      }
      return picked;
    },
  };
  return random;
}
