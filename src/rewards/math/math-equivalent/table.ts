/** Shared helper of the table tests: one case is gold, prediction, expected equality, a note, and options. */
import type { MathEquivalentOptions } from './types.js'

export type Case = readonly [
  gold: string | number,
  pred: string,
  equal: boolean,
  why: string,
  options?: MathEquivalentOptions,
]
