/**
 * Splits a length between items in proportion to their weights, none below a minimum
 * (water-filling: items that would fall under the minimum get exactly the minimum, the rest is
 * shared again among the others). The caller guarantees count × minimum ≤ total.
 */
import { finiteOr } from "../rect.ts";

export const MIN_WEIGHT = 0.5;
export const MAX_WEIGHT = 4;

/** A usable weight: NaN, negative, zero or huge weights become something in [0.5, 4]. */
export function clampWeight(weight: unknown): number {
  return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, finiteOr(weight, 1)));
}

/**
 * @example
 * distribute([1, 1, 2], 400, 50); // [100, 100, 200]
 */
export function distribute(weights: number[], total: number, minimum: number): number[] {
  const sizes: Array<number | undefined> = weights.map(() => undefined);
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => sizes[i] === undefined);
    const fixed = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
    const weightSum = free.reduce((sum, i) => sum + (weights[i] ?? 1), 0);
    const share = (i: number) => ((total - fixed) * (weights[i] ?? 1)) / weightSum;
    const tooSmall = free.filter((i) => share(i) < minimum);
    if (tooSmall.length === 0) {
      for (const i of free) sizes[i] = share(i);
      return sizes.map((size) => size ?? minimum);
    }
    for (const i of tooSmall) sizes[i] = minimum;
  }
}
