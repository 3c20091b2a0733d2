import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { collapseWhitespace } from '../metrics/sequence.js'
import { answerFromParam, isOutput, lowercaseParam, readAnswer, readReferences } from '../shared.js'
import { charErrorRate } from './cer.js'

export const CerParams = z.object({
  answerFrom: answerFromParam,
  lowercase: lowercaseParam(false, 'default false'),
  collapseWhitespace: z.boolean().default(true).describe('collapse whitespace runs to one space on both sides'),
})
export type CerParams = z.infer<typeof CerParams>

/**
 * OCR accuracy at character level, `clip(1 − CER, 0, 1)` against the closest reference, the character analogue
 * of VideoRFT's `clip(1 − WER)` for scripts without spaces (Chinese, Japanese). The CER is the `cer` component.
 * @see https://github.com/QiWang98/VideoRFT (OCR reward, word level); https://github.com/jitsi/jiwer (`cer`)
 * @example score({ response: '<answer>helo</answer>', reference: 'hello' }) //= 0.8
 */
export const cerReward = defineReward({
  id: 'cer',
  version: 2,
  summary: 'OCR accuracy clip(1 − character error rate) against the closest reference',
  source: 'character analogue of QiWang98/VideoRFT grpo.py OCR accuracy; jiwer `cer`',
  params: CerParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['cer'],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    const pred = params.collapseWhitespace ? collapseWhitespace(answer.text) : answer.text
    let cer = Number.POSITIVE_INFINITY
    for (const r of refs)
      cer = Math.min(cer, charErrorRate(pred, params.collapseWhitespace ? collapseWhitespace(r) : r, params))
    return scored(Math.min(1, Math.max(0, 1 - cer)), undefined, { cer })
  },
})
