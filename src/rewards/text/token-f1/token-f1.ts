import { splitWhitespace } from '../metrics/sequence.js'

/**
 * SQuAD answer normalisation: lower-case, drop ASCII punctuation (`string.punctuation`), drop the articles
 * a/an/the, collapse whitespace.
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py (`normalize_answer`)
 * @example normalizeSquad('The  Eiffel-Tower!') //= 'eiffeltower'
 */
export function normalizeSquad(s: string): string {
  const noPunct = s.toLowerCase().replace(/[!-/:-@[-`{-~]/g, '')
  return splitWhitespace(noPunct)
    .filter((w) => w !== 'a' && w !== 'an' && w !== 'the')
    .join(' ')
}

export interface TokenF1Detail {
  f1: number
  precision: number
  recall: number
}

const ZERO: TokenF1Detail = Object.freeze({ f1: 0, precision: 0, recall: 0 })

/**
 * SQuAD token F1 of normalised answers (bag-of-words overlap). A prediction with no tokens left after
 * normalisation scores 0 (SQuAD v2 would give 1 against an empty reference; an empty answer never matches here).
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py (`f1_score`)
 * @example tokenF1('the big red car', 'a red car').f1 //= 0.8
 */
export function tokenF1(prediction: string, reference: string): TokenF1Detail {
  const pred = normalizeSquad(prediction).split(' ').filter(Boolean)
  const ref = normalizeSquad(reference).split(' ').filter(Boolean)
  if (pred.length === 0 || ref.length === 0) return ZERO
  const counts = new Map<string, number>()
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1)
  let same = 0
  for (const t of pred) {
    const c = counts.get(t)
    if (c) {
      same++
      counts.set(t, c - 1)
    }
  }
  if (same === 0) return ZERO
  const precision = same / pred.length
  const recall = same / ref.length
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall }
}
