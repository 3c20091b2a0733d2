import { nltkSentenceBleu } from '../metrics/bleu.js'
import { rougeTokenize, rougeTokens } from '../metrics/rouge.js'
import { wordTokenize } from '../metrics/word-tokenize.js'
import { memoize } from '../shared.js'

const referenceWords = memoize((s) => wordTokenize(s.toLowerCase()))
const referenceStems = memoize((s) => rougeTokenize(s, true))

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
  const bleu4 = nltkSentenceBleu([referenceWords(reference)], wordTokenize(prediction.toLowerCase()))
  const rougeL = rougeTokens(rougeTokenize(prediction, true), referenceStems(reference), 'rougeL').fmeasure
  return { score: (bleu4 + rougeL) / 2, bleu4, rougeL }
}
