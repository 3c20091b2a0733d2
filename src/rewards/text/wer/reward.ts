import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { levenshteinTokens, splitWhitespace } from '../metrics/sequence.js'
import { answerFromParam, isOutput, lowercaseParam, memoize, readAnswer, readReferences } from '../shared.js'

const referenceWords = memoize(splitWhitespace)
const lowerReferenceWords = memoize((s) => splitWhitespace(s.toLowerCase()))

export const WerParams = z.object({
  answerFrom: answerFromParam,
  lowercase: lowercaseParam(false, 'VideoRFT compares case-sensitively'),
})
export type WerParams = z.infer<typeof WerParams>

/**
 * VideoRFT's OCR accuracy: `clip(1 − WER, 0, 1)` against the closest reference; the WER itself is the `wer`
 * component (unclipped, so insertions can push it above 1).
 * @see https://github.com/QiWang98/VideoRFT (src/r1-v/src/open_r1/grpo.py, problem_type "OCR"); rewards.md §6a
 * @example score({ response: '<answer>the cat sat</answer>', reference: 'the cat sat down' }) //= 0.75
 */
export const werReward = defineReward({
  id: 'wer',
  version: 1,
  summary: 'OCR accuracy clip(1 − word error rate) against the closest reference (VideoRFT)',
  source: 'QiWang98/VideoRFT src/r1-v/src/open_r1/grpo.py (OCR accuracy); rewards.md §6a',
  params: WerParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['wer'],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    // as wordErrorRate, with the prediction split once and the references' words cached
    const pred = splitWhitespace(params.lowercase ? answer.text.toLowerCase() : answer.text)
    let wer = Number.POSITIVE_INFINITY
    for (const r of refs) {
      const ref = (params.lowercase ? lowerReferenceWords : referenceWords)(r)
      wer = Math.min(wer, levenshteinTokens(ref, pred) / Math.max(1, ref.length))
    }
    return scored(Math.min(1, Math.max(0, 1 - wer)), undefined, { wer })
  },
})
