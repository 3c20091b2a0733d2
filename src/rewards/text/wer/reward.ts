import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { levenshteinTokens, splitWhitespace } from '../metrics/sequence.js'
import { answerFromParam, isOutput, lowercaseParam, memoize, readAnswer, readReferences } from '../shared.js'
import { codedDistance, codedWords, codeReferences, predictionCodes } from './word-codes.js'

const referenceWords = memoize(codedWords)
const lowerReferenceWords = memoize((s) => codedWords(s.toLowerCase()))

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
  version: 2,
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
    // as wordErrorRate, with the references' words and their codes cached (see word-codes.ts)
    const text = params.lowercase ? answer.text.toLowerCase() : answer.text
    const cached = refs.map(params.lowercase ? lowerReferenceWords : referenceWords)
    let wer = Number.POSITIVE_INFINITY
    if (codeReferences(cached)) {
      const pred = predictionCodes(text).codes
      for (const ref of cached) wer = Math.min(wer, codedDistance(ref, pred) / Math.max(1, ref.words.length))
    } else {
      const pred = splitWhitespace(text)
      for (const ref of cached) wer = Math.min(wer, levenshteinTokens(ref.words, pred) / Math.max(1, ref.words.length))
    }
    return scored(Math.min(1, Math.max(0, 1 - wer)), undefined, { wer })
  },
})
