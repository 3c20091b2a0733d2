import { splitWhitespace } from '../metrics/sequence.js'

export interface RepetitionPenaltyOptions {
  /** n of the word n-grams. Default 3 (TRL); Perception-R1 uses 20. */
  ngramSize?: number
  /** penalty when every n-gram repeats (≤ 0). Default −1 (TRL); Perception-R1 uses −2. */
  maxPenalty?: number
}

/**
 * `maxPenalty · (1 − unique n-grams / total n-grams)` over lower-cased whitespace words; 0 for text with fewer
 * than n words. Exact: n-grams are compared word by word after a hash narrows the candidates.
 * @see https://github.com/huggingface/trl (trl/rewards, `get_repetition_penalty_reward`); open-r1 src/open_r1/rewards.py
 * @see https://github.com/tongxiao2002/Perception-R1 (n = 20, −2); rewards.md §5e
 * @example repetitionPenalty('a b c a b c a b c') //= -0.5714…
 */
export function repetitionPenalty(
  text: string,
  { ngramSize = 3, maxPenalty = -1 }: RepetitionPenaltyOptions = {},
): number {
  const words = splitWhitespace(text.toLowerCase())
  const total = words.length - ngramSize + 1
  if (total <= 0) return 0
  const vocab = new Map<string, number>()
  const ids = new Int32Array(words.length)
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    let id = vocab.get(w)
    if (id === undefined) {
      id = vocab.size
      vocab.set(w, id)
    }
    ids[i] = id
  }
  // polynomial hash of every window, then exact comparison within a bucket
  const buckets = new Map<number, number[]>()
  let unique = 0
  for (let i = 0; i < total; i++) {
    let h = 0
    for (let j = 0; j < ngramSize; j++) h = (Math.imul(h, 0x9e3779b1) + (ids[i + j] as number) + 1) | 0
    const bucket = buckets.get(h)
    if (bucket === undefined) {
      buckets.set(h, [i])
      unique++
      continue
    }
    if (!bucket.some((start) => sameWindow(ids, start, i, ngramSize))) {
      bucket.push(i)
      unique++
    }
  }
  return (1 - unique / total) * maxPenalty
}

function sameWindow(ids: Int32Array, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (ids[a + k] !== ids[b + k]) return false
  return true
}
