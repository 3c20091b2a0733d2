import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { describeValue } from '../../../core/reason.js'
import { parseYesNo, yesNoOf } from '../../parsing/yes-no.js'
import { answerSourceParams, isOutput, readAnswer } from '../answer-source.js'

export const YesNoParams = z.object({ ...answerSourceParams() })
export type YesNoParams = z.infer<typeof YesNoParams>

const EXPECTED_REF = 'true/false or "yes"/"no"'

/**
 * Yes/no accuracy (POPE-style reading: the first word decides, else `not` means no). An answer holding both "yes"
 * and "no" ("yes or no") never scores: `suspected_hack`. An answer saying neither is invalid.
 * @see https://github.com/EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/pope/utils.py
 * @example score({ response: '<answer>Yes, a dog.</answer>', reference: true }) //= 1
 */
export const yesNoReward = defineReward({
  id: 'yes-no',
  version: 1,
  summary: 'Yes/no accuracy with POPE-style reading; hedged answers ("yes or no") score 0',
  source: 'lmms-eval lmms_eval/tasks/pope/utils.py',
  params: YesNoParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    if (reference === undefined || reference === null)
      return invalid({ code: 'missing_reference', expected: EXPECTED_REF })
    const expected = yesNoOf(reference)
    if (!expected) return invalid({ code: 'invalid_reference', expected: EXPECTED_REF, got: describeValue(reference) })
    const answer = readAnswer(response, params)
    if (isOutput(answer)) return answer
    const r = parseYesNo(answer)
    if (r.hedged) return scored(0, { code: 'suspected_hack', pattern: 'answers both yes and no' })
    if (!r.answer) return invalid({ code: 'unparseable_answer', side: 'response', expected: 'yes or no', text: answer })
    return r.answer === expected ? scored(1) : scored(0, { code: 'wrong_answer', expected, got: r.answer })
  },
})
