/**
 * A small seeded PRNG (mulberry32), so the same seed gives the same demo data on every run.
 * Not for anything secret: survey tokens in the seed are demo values.
 */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const word = (n: number): string =>
  (BYTE_HEX[n >>> 24] ?? '') +
  (BYTE_HEX[(n >>> 16) & 0xff] ?? '') +
  (BYTE_HEX[(n >>> 8) & 0xff] ?? '') +
  (BYTE_HEX[n & 0xff] ?? '');

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of options) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = options[options.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** A duration drawn from a log-normal-ish spread around `median` (long tail, like real waits). */
  skewed(median: number, spread = 1): number {
    const u = Math.max(this.next(), 1e-9);
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(normal * 0.6 * spread);
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += word(this.uint32());
    return out.slice(0, length);
  }

  /** A version-4-shaped UUID, deterministic for the seed. */
  uuid(): string {
    const a = word(this.uint32());
    const b = word(((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0); // version 4
    const c = word(((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0); // RFC 4122 variant
    const d = word(this.uint32());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }

  private uint32(): number {
    return Math.floor(this.next() * 4_294_967_296) >>> 0;
  }
}
