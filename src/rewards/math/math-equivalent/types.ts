/** The shapes shared by extraction, parsing and comparison of math answers. */

/** MathJSON as `@cortex-js/compute-engine` writes it: numbers, symbols, strings, `[head, ...args]`, `{num}`. */
export type MathJson = number | string | { num: string } | { str: string } | { sym: string } | readonly MathJson[]

/** Relation operators after normalisation (`>` and `≥` chains are reversed into `<`, `≤`). */
export type RelOp = '=' | '!=' | '<' | '<=' | 'in'

/**
 * A parsed answer. Numbers that need no computer algebra are decided on the fast path (`number`); everything
 * else holds the MathJSON that the compute engine parsed (`expr`), inside the structures answers take.
 */
export type MathValue =
  /** a real number; `float` when written with a decimal point (so `floatRounding` applies) */
  | { kind: 'number'; value: number; float: boolean }
  | { kind: 'expr'; json: MathJson; float: boolean }
  /** `a op b op c`: `terms.length === ops.length + 1` */
  | { kind: 'relation'; ops: readonly RelOp[]; terms: readonly MathValue[] }
  | { kind: 'set'; items: readonly MathValue[] }
  /** `paren`: written `(a, b)`, which may also be read as an open interval */
  | { kind: 'tuple'; items: readonly MathValue[]; paren: boolean }
  | { kind: 'interval'; lo: MathValue; hi: MathValue; loClosed: boolean; hiClosed: boolean }
  | { kind: 'union'; parts: readonly MathValue[] }
  | { kind: 'matrix'; rows: readonly (readonly MathValue[])[] }
  /** words that are the answer (`\text{yes}`, a choice letter) */
  | { kind: 'text'; text: string }

/** One candidate answer found in a text: its normalised LaTeX (for string equality) and what it parsed to. */
export interface MathCandidate {
  /** normalised text, compared as a string when values do not decide */
  text: string
  /** undefined when it did not parse */
  value: MathValue | undefined
}

export type ExtractTarget = 'latex' | 'expr'

export interface MathEquivalentOptions {
  /** which kinds of answer to look for in free text; default both */
  extract?: readonly ExtractTarget[]
  /** digits both sides are rounded to when either is a decimal; default 6 (Math-Verify's `float_rounding`) */
  floatRounding?: number
  /** significant digits that must agree after rounding; default 15 (Math-Verify's `numeric_precision`) */
  numericPrecision?: number
  /** false: variables match by position and sets match tuples in any order; default true */
  strict?: boolean
  /** let a gold set match a predicted relation too (the other way round is always allowed); default false */
  allowSetRelationComparison?: boolean
  /** try `\boxed{}` before "final answer is" phrases; default false as the reference (the reward defaults to true) */
  boxedFirst?: boolean
}

/** Why `mathEquivalent` decided as it did; `timeout` is produced by the runtime's deadline pool. */
export type MathEquivalentReason =
  | 'ok'
  | 'not_equal'
  | 'unparseable_gold'
  | 'unparseable_pred'
  | 'too_large'
  | 'timeout'

export interface MathEquivalentResult {
  equal: boolean
  /** the gold candidates, printed (empty when none parsed) */
  goldParsed: string[]
  predParsed: string[]
  reason: MathEquivalentReason
}

/** Bounds that keep one call in bounded time without a deadline (the pool adds the hard deadline). */
export const MATH_LIMITS = {
  /** characters of free text scanned for answers; longer texts are scanned from their end */
  textChars: 200_000,
  /** characters in one candidate expression */
  exprChars: 4_000,
  /** nesting of braces and brackets in one candidate */
  depth: 40,
  /** items in a set, tuple, matrix or chain */
  items: 256,
} as const
