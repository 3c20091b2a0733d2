import { porterStemCached } from './porter-stemmer.js'
import { wordTokenize } from './word-tokenize.js'

export interface MeteorOptions {
  /** weight of precision vs recall in the harmonic mean. Default 0.9. */
  alpha?: number
  /** shape of the fragmentation penalty. Default 3. */
  beta?: number
  /** weight of the fragmentation penalty. Default 0.5. */
  gamma?: number
}

type Enum = [index: number, word: string]

/** nltk `_match_enums`: from the last hypothesis word back, each matched to the last equal unmatched reference word. */
function matchEnums(hyp: Enum[], ref: Enum[]): Array<[number, number]> {
  const matches: Array<[number, number]> = []
  for (let i = hyp.length - 1; i >= 0; i--) {
    const h = hyp[i] as Enum
    for (let j = ref.length - 1; j >= 0; j--) {
      const r = ref[j] as Enum
      if (h[1] === r[1]) {
        matches.push([h[0], r[0]])
        hyp.splice(i, 1)
        ref.splice(j, 1)
        break
      }
    }
  }
  return matches
}

function countChunks(matches: ReadonlyArray<readonly [number, number]>): number {
  let chunks = 1
  for (let i = 0; i < matches.length - 1; i++) {
    const a = matches[i] as readonly [number, number]
    const b = matches[i + 1] as readonly [number, number]
    if (!(b[0] === a[0] + 1 && b[1] === a[1] + 1)) chunks++
  }
  return chunks
}

/**
 * METEOR of pre-tokenized text against one reference, as nltk's `single_meteor_score` with exact and Porter-stem
 * matching. Gap: nltk's third stage, WordNet synonyms, is not implemented (no WordNet in JS), so a synonym pair
 * (`big`/`large`) counts as unmatched here and scores can be lower than nltk's.
 * @see https://github.com/nltk/nltk/blob/develop/nltk/translate/meteor_score.py
 * @example singleMeteor(['the', 'cat', 'sat'], ['the', 'cat', 'sat']) //= 0.9814…
 */
export function singleMeteor(
  hypothesis: readonly string[],
  reference: readonly string[],
  { alpha = 0.9, beta = 3, gamma = 0.5 }: MeteorOptions = {},
): number {
  const hyp: Enum[] = hypothesis.map((w, i) => [i, w.toLowerCase()])
  const ref: Enum[] = reference.map((w, i) => [i, w.toLowerCase()])
  const hypLength = hyp.length
  const refLength = ref.length
  const exact = matchEnums(hyp, ref)
  const stem = matchEnums(
    hyp.map(([i, w]) => [i, porterStemCached(w)]),
    ref.map(([i, w]) => [i, porterStemCached(w)]),
  )
  const matches = exact.concat(stem).sort((a, b) => a[0] - b[0])
  const m = matches.length
  if (m === 0 || hypLength === 0 || refLength === 0) return 0
  const precision = m / hypLength
  const recall = m / refLength
  const fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall)
  const penalty = gamma * (countChunks(matches) / m) ** beta
  return (1 - penalty) * fmean
}

/**
 * METEOR of strings, tokenized with `wordTokenize` as HF `evaluate`'s `meteor` does: max over references.
 * @example meteor('the cat sat on the mat', 'the cat sat on the mat') //= 0.9976…
 */
export function meteor(
  prediction: string,
  references: string | readonly string[],
  options: MeteorOptions = {},
): number {
  const refs = typeof references === 'string' ? [references] : references
  const hyp = wordTokenize(prediction)
  let best = 0
  for (const r of refs) best = Math.max(best, singleMeteor(hyp, wordTokenize(r), options))
  return best
}
