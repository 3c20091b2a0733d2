import { nltkBleuFromMatches, nltkSentenceBleu } from '../metrics/bleu.js'
import { rougeScore, rougeTokenize, rougeTokens } from '../metrics/rouge.js'
import { rougeIds } from '../metrics/rouge-ids.js'
import { lcsLengthOf } from '../metrics/sequence.js'
import { cachedTokens, clippedMatchesOf, indexReferences } from '../metrics/vocab.js'
import { wordTokenize } from '../metrics/word-tokenize.js'
import { memoize } from '../shared.js'

const referenceWords = memoize((s) => cachedTokens(wordTokenize(s.toLowerCase())))
const referenceStems = memoize((s) => cachedTokens(rougeTokenize(s, true)))
/** BLEU's clipped matches per order, reused across calls */
const MATCHES: number[] = []

export interface SatoriCaptionDetail {
  score: number
  bleu4: number
  rougeL: number
}

/**
 * SATORI-R1's caption reward: `(BLEU-4 + ROUGE-L F1) / 2`. BLEU-4 is nltk `sentence_bleu` with `method1`
 * smoothing on lower-cased `word_tokenize` tokens; ROUGE-L is `rouge-score` with the Porter stemmer.
 * @see https://github.com/justairr/SATORI-R1 (plugin.py); rewards.md §5a
 * @example satoriCaption('a dog runs on the grass', 'a dog is running on the grass').score //= 0.5690…
 */
export function satoriCaption(prediction: string, reference: string): SatoriCaptionDetail {
  // both through the cached reference index (see metrics/vocab.ts), else on the plain token lists
  const words = wordTokenize(prediction.toLowerCase())
  const ref = referenceWords(reference)
  const bleu4 = clippedMatchesOf(words, [ref], 4, MATCHES)
    ? nltkBleuFromMatches(MATCHES, words.length, [ref.tokens.length])
    : nltkSentenceBleu([ref.tokens], words)
  const target = referenceStems(reference)
  let rougeL: number
  if (indexReferences([target], 1)) {
    const ids = rougeIds(prediction, true)
    const lcs = lcsLengthOf(ids.ids, ids.length, target.data, target.tokens.length)
    rougeL = rougeScore('rougeL', lcs, ids.length, target.tokens.length).fmeasure
  } else rougeL = rougeTokens(rougeTokenize(prediction, true), target.tokens, 'rougeL').fmeasure
  return { score: (bleu4 + rougeL) / 2, bleu4, rougeL }
}
