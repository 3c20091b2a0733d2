import { ngramKeys, ngramTotal, overlap } from './ngrams.js'
import { porterStemCached } from './porter-stemmer.js'
import { lcsLength, toIds } from './sequence.js'

/** `rouge1`…`rouge5` (n-gram overlap) or `rougeL` (longest common subsequence), as `rouge-score` names them. */
export type RougeType = 'rouge1' | 'rouge2' | 'rouge3' | 'rouge4' | 'rouge5' | 'rougeL'
export const ROUGE_TYPES = ['rouge1', 'rouge2', 'rouge3', 'rouge4', 'rouge5', 'rougeL'] as const

export interface RougeScore {
  precision: number
  recall: number
  fmeasure: number
}

export interface RougeOptions {
  /** Porter-stem tokens longer than 3 characters (`use_stemmer=True`). Default true. */
  stem?: boolean
}

/**
 * Tokens as `rouge-score`'s default tokenizer makes them: lower-cased, split on anything but `[a-z0-9]` (so
 * non-Latin scripts yield no tokens, as in the reference), and optionally Porter-stemmed when longer than 3.
 * @see https://github.com/google-research/google-research/blob/master/rouge/tokenize.py
 * @example rougeTokenize('The cats, running!', true) //= ['the', 'cat', 'run']
 */
export function rougeTokenize(text: string, stem: boolean): string[] {
  const lower = text.toLowerCase()
  const out: string[] = []
  let start = -1
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
    if (alnum) {
      if (start < 0) start = i
    } else if (start >= 0) {
      const tok = lower.slice(start, i)
      out.push(stem && tok.length > 3 ? porterStemCached(tok) : tok)
      start = -1
    }
  }
  return out
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
}

const ZERO: RougeScore = Object.freeze({ precision: 0, recall: 0, fmeasure: 0 })

/** The n of ROUGE-N; 0 for ROUGE-L. */
export function rougeOrder(type: RougeType): number {
  return type === 'rougeL' ? 0 : Number(type.slice(5))
}

/** ROUGE from its count: n-gram matches (ROUGE-N) or the LCS length (ROUGE-L) of sequences of these lengths. */
export function rougeScore(type: RougeType, hits: number, predLength: number, refLength: number): RougeScore {
  const n = rougeOrder(type)
  if (n === 0) {
    if (predLength === 0 || refLength === 0) return ZERO
    const precision = hits / predLength
    const recall = hits / refLength
    return { precision, recall, fmeasure: fmeasure(precision, recall) }
  }
  const precision = hits / Math.max(ngramTotal(predLength, n), 1)
  const recall = hits / Math.max(ngramTotal(refLength, n), 1)
  return { precision, recall, fmeasure: fmeasure(precision, recall) }
}

/** ROUGE of token lists (`prediction` against `target`). */
export function rougeTokens(prediction: readonly string[], target: readonly string[], type: RougeType): RougeScore {
  const vocab = new Map<string, number>()
  const pred = toIds(prediction, vocab)
  const ref = toIds(target, vocab)
  const n = rougeOrder(type)
  if (n === 0) return rougeScore(type, lcsLength(pred, ref), pred.length, ref.length)
  const base = vocab.size + 1
  const intern = new Map<string, number>()
  return rougeScore(
    type,
    overlap(ngramKeys(pred, n, base, intern), ngramKeys(ref, n, base, intern)),
    pred.length,
    ref.length,
  )
}

/**
 * ROUGE of a prediction against one or more references, as `rouge_scorer.RougeScorer([type], use_stemmer)`:
 * `score` for one reference, `score_multi` (the reference with the best F-measure) for several.
 * @see https://github.com/google-research/google-research/blob/master/rouge/rouge_scorer.py
 * @example rouge('the cat sat', 'the cat sat on the mat', 'rouge1').fmeasure //= 0.6666…
 */
export function rouge(
  prediction: string,
  references: string | readonly string[],
  type: RougeType,
  { stem = true }: RougeOptions = {},
): RougeScore {
  const refs = typeof references === 'string' ? [references] : references
  const pred = rougeTokenize(prediction, stem)
  let best = ZERO
  for (const r of refs) {
    const s = rougeTokens(pred, rougeTokenize(r, stem), type)
    if (s.fmeasure > best.fmeasure) best = s
  }
  return best
}
