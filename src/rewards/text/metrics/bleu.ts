import { clippedOverlap, ngramKeys, ngramTotal } from './ngrams.js'
import { toIds } from './sequence.js'
import { tokenize13a } from './tokenize-13a.js'

export interface BleuOptions {
  /** highest n-gram order. Default 4. */
  maxOrder?: number
  /** add-one smoothing of every order, `(m+1)/(c+1)`, as `smooth=True` in HF `bleu`. Default false. */
  smooth?: boolean
  /** lower-case both sides before tokenizing. Default false. */
  lowercase?: boolean
}

export interface BleuDetail {
  bleu: number
  precisions: number[]
  brevityPenalty: number
  /** prediction length / shortest reference length, in tokens */
  lengthRatio: number
  predictionLength: number
  referenceLength: number
}

/**
 * Sentence BLEU over token lists as HF `evaluate`'s `bleu` computes it (tensorflow/nmt `compute_bleu`): clipped
 * counts take the max over references, brevity is measured against the **shortest** reference.
 * @see https://github.com/tensorflow/nmt/blob/master/nmt/scripts/bleu.py
 * @example bleuTokens(['the', 'cat', 'sat'], [['the', 'cat', 'sat', 'on', 'the', 'mat']], { smooth: true }).bleu //= 0.3678…
 */
export function bleuTokens(
  prediction: readonly string[],
  references: readonly (readonly string[])[],
  { maxOrder = 4, smooth = false }: BleuOptions = {},
): BleuDetail {
  const vocab = new Map<string, number>()
  const pred = toIds(prediction, vocab)
  const refs = references.map((r) => toIds(r, vocab))
  const base = vocab.size + 1
  const matches: number[] = []
  for (let n = 1; n <= maxOrder; n++) {
    const intern = new Map<string, number>()
    matches.push(
      clippedOverlap(
        ngramKeys(pred, n, base, intern),
        refs.map((r) => ngramKeys(r, n, base, intern)),
      ),
    )
  }
  return bleuFromMatches(
    matches,
    pred.length,
    refs.map((r) => r.length),
    { maxOrder, smooth },
  )
}

/** `bleuTokens` from the clipped matches per order (index n − 1) and the token counts. */
export function bleuFromMatches(
  matches: readonly number[],
  predictionLength: number,
  referenceLengths: readonly number[],
  { maxOrder = 4, smooth = false }: BleuOptions = {},
): BleuDetail {
  const precisions: number[] = []
  let logSum = 0
  let anyZero = false
  for (let n = 1; n <= maxOrder; n++) {
    const possible = ngramTotal(predictionLength, n)
    const m = matches[n - 1] as number
    const p = smooth ? (m + 1) / (possible + 1) : possible > 0 ? m / possible : 0
    precisions.push(p)
    if (p > 0) logSum += Math.log(p)
    else anyZero = true
  }
  let referenceLength = Number.POSITIVE_INFINITY
  for (const r of referenceLengths) if (r < referenceLength) referenceLength = r
  if (referenceLengths.length === 0) referenceLength = 0
  const ratio =
    referenceLength > 0 ? predictionLength / referenceLength : predictionLength > 0 ? Number.POSITIVE_INFINITY : 0
  const brevityPenalty = ratio > 1 ? 1 : ratio > 0 ? Math.exp(1 - 1 / ratio) : 0
  const geoMean = anyZero ? 0 : Math.exp(logSum / maxOrder)
  return {
    bleu: geoMean * brevityPenalty,
    precisions,
    brevityPenalty,
    lengthRatio: ratio,
    predictionLength,
    referenceLength,
  }
}

/**
 * BLEU of a prediction against one or more references, 13a-tokenized (HF `evaluate` `bleu` defaults), in [0, 1].
 * @example bleu('the cat sat', 'the cat sat on the mat', { smooth: true }) //= 0.3678…
 */
export function bleu(prediction: string, references: string | readonly string[], options: BleuOptions = {}): number {
  const tok = (s: string) => tokenize13a(options.lowercase ? s.toLowerCase() : s)
  const refs = typeof references === 'string' ? [references] : references
  return bleuTokens(tok(prediction), refs.map(tok), options).bleu
}

/** Python's `sys.float_info.min`, which nltk's `method0` puts in place of a zero precision. */
const FLOAT_MIN = 2.2250738585072014e-308

export interface NltkBleuOptions {
  /** n-gram weights. Default four of 0.25 (BLEU-4). */
  weights?: readonly number[]
  /** `method0` (none) or `method1` (ε = 0.1 added to zero-match counts). Default `method1`. */
  smoothing?: 'method0' | 'method1'
}

/**
 * `nltk.translate.bleu_score.sentence_bleu`: brevity against the reference closest in length (ties: the shorter),
 * 0 when no unigram matches. With `method0`, a zero order contributes `sys.float_info.min` as in nltk.
 * @see https://github.com/nltk/nltk/blob/develop/nltk/translate/bleu_score.py
 * @example nltkSentenceBleu([['a', 'cat', 'sat', 'on', 'a', 'mat']], ['a', 'cat', 'sat']) //= 0.2068…
 */
export function nltkSentenceBleu(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  { weights = [0.25, 0.25, 0.25, 0.25], smoothing = 'method1' }: NltkBleuOptions = {},
): number {
  if (references.length === 0) return 0
  const vocab = new Map<string, number>()
  const hyp = toIds(hypothesis, vocab)
  const refs = references.map((r) => toIds(r, vocab))
  const base = vocab.size + 1
  const matches: number[] = []
  for (let n = 1; n <= weights.length; n++) {
    const intern = new Map<string, number>()
    matches.push(
      clippedOverlap(
        ngramKeys(hyp, n, base, intern),
        refs.map((r) => ngramKeys(r, n, base, intern)),
      ),
    )
  }
  return nltkBleuFromMatches(
    matches,
    hyp.length,
    refs.map((r) => r.length),
    { weights, smoothing },
  )
}

/** `nltkSentenceBleu` from the clipped matches per order (index n − 1) and the token counts. */
export function nltkBleuFromMatches(
  matches: readonly number[],
  hypothesisLength: number,
  referenceLengths: readonly number[],
  { weights = [0.25, 0.25, 0.25, 0.25], smoothing = 'method1' }: NltkBleuOptions = {},
): number {
  if (referenceLengths.length === 0) return 0
  let logSum = 0
  for (let i = 0; i < weights.length; i++) {
    const n = i + 1
    const numerator = matches[i] as number
    const denominator = Math.max(1, ngramTotal(hypothesisLength, n))
    if (n === 1 && numerator === 0) return 0
    let p = numerator / denominator
    if (numerator === 0) p = smoothing === 'method1' ? 0.1 / denominator : FLOAT_MIN
    logSum += (weights[i] as number) * Math.log(p)
  }
  let closest = referenceLengths[0] ?? 0
  for (const r of referenceLengths) {
    const d = Math.abs(r - hypothesisLength)
    const best = Math.abs(closest - hypothesisLength)
    if (d < best || (d === best && r < closest)) closest = r
  }
  const bp = hypothesisLength > closest ? 1 : hypothesisLength === 0 ? 0 : Math.exp(1 - closest / hypothesisLength)
  return bp * Math.exp(logSum)
}
