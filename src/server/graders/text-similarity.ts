/**
 * `text_similarity` metrics, mapped onto the text pack's implementations (which follow the Python references
 * OpenAI's grader image ships: rapidfuzz, HF `evaluate` bleu/google_bleu/meteor, `rouge-score`). ROUGE is the
 * F-measure without stemming (`RougeScorer([type])`, HF `evaluate`'s default). `cosine` needs an embeddings
 * endpoint and is handled by the caller.
 */
import { bleu, fuzzyMatch, gleu, meteor, type RougeType, rouge } from '../../rewards/text/metrics/index.js'
import type { TEXT_SIMILARITY_METRICS } from './schema.js'

type LocalMetric = Exclude<(typeof TEXT_SIMILARITY_METRICS)[number], 'cosine'>

const ROUGE: Record<string, RougeType> = {
  rouge_1: 'rouge1',
  rouge_2: 'rouge2',
  rouge_3: 'rouge3',
  rouge_4: 'rouge4',
  rouge_5: 'rouge5',
  rouge_l: 'rougeL',
}

/** The similarity of `input` to `reference` under `metric`, in [0, 1]. */
export function textSimilarity(metric: LocalMetric, input: string, reference: string): number {
  switch (metric) {
    case 'fuzzy_match':
      return fuzzyMatch(input, reference)
    case 'bleu':
      return bleu(input, reference)
    case 'gleu':
      return gleu(input, reference)
    case 'meteor':
      return meteor(input, reference)
    default:
      return rouge(input, reference, ROUGE[metric] as RougeType, { stem: false }).fmeasure
  }
}

/** Cosine similarity of two embedding vectors; 0 when either is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0
  let na = 0
  let nb = 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as number
    const y = b[i] as number
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}
