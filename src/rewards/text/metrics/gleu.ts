import { ngramKeys, ngramTotal, overlap } from './ngrams.js'
import { toIds } from './sequence.js'
import { tokenize13a } from './tokenize-13a.js'

export interface GleuOptions {
  /** shortest n-gram order counted. Default 1. */
  minOrder?: number
  /** longest n-gram order counted. Default 4. */
  maxOrder?: number
}

/**
 * Google BLEU of one sentence, as `nltk.translate.gleu_score.sentence_gleu` and HF `google_bleu`: all n-grams of
 * orders min..max pooled, `tp / max(hyp n-grams, ref n-grams)` (= min(precision, recall)), and the reference
 * giving the highest score is used.
 * @see https://github.com/nltk/nltk/blob/develop/nltk/translate/gleu_score.py
 * @example gleuTokens(['the', 'cat'], [['the', 'cat', 'sat']]) //= 0.5
 */
export function gleuTokens(
  hypothesis: readonly string[],
  references: readonly (readonly string[])[],
  { minOrder = 1, maxOrder = 4 }: GleuOptions = {},
): number {
  const vocab = new Map<string, number>()
  const hyp = toIds(hypothesis, vocab)
  const refs = references.map((r) => toIds(r, vocab))
  const base = vocab.size + 1
  const hypKeys: Float64Array[] = []
  const intern = new Map<string, number>()
  let tpfp = 0
  for (let n = minOrder; n <= maxOrder; n++) {
    hypKeys.push(ngramKeys(hyp, n, base, intern))
    tpfp += ngramTotal(hyp.length, n)
  }
  let best = -1
  let bestMatch = 0
  let bestAll = 0
  for (const ref of refs) {
    let tp = 0
    let tpfn = 0
    for (let n = minOrder; n <= maxOrder; n++) {
      tpfn += ngramTotal(ref.length, n)
      tp += overlap(hypKeys[n - minOrder] as Float64Array, ngramKeys(ref, n, base, intern))
    }
    const all = Math.max(tpfp, tpfn)
    // nltk keeps the first reference with the highest tp/all (Python's max is stable)
    if (all > 0 && tp / all > best) {
      best = tp / all
      bestMatch = tp
      bestAll = all
    }
  }
  return bestAll === 0 ? 0 : bestMatch / bestAll
}

/**
 * Google BLEU of strings, 13a-tokenized as HF `google_bleu` does by default, in [0, 1].
 * @example gleu('the cat sat', 'the cat sat') //= 1
 */
export function gleu(prediction: string, references: string | readonly string[], options: GleuOptions = {}): number {
  const refs = typeof references === 'string' ? [references] : references
  return gleuTokens(tokenize13a(prediction), refs.map(tokenize13a), options)
}
