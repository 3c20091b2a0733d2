import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { invalid } from '../../../core/index.js'
import { selectImages, tooLong, zeros } from '../shared/call.js'
import { renderTemplate } from '../shared/template.js'
import { itemVars } from '../shared/vars.js'
import { askYesNo, YES_NO_COMPONENTS, type YesNoOptions } from '../shared/yes-no.js'

export interface JudgeYesProbOptions extends YesNoOptions {
  prompt: string
  requireImage: boolean
}

/** VQAScore's question: the response (a caption, a claim) is what the image must show. */
export const JUDGE_YES_PROB_PROMPT = 'Does this figure show "{{response}}"? Please answer yes or no.'

/**
 * VQAScore-style yes probability: asks the judge a yes/no question about the image and scores P("yes") at the
 * first answer token, from its top logprobs (normalised against P("no") by default). Without logprobs the words
 * decide (1 or 0), with a note; `fallback: "error"` fails instead.
 * @see https://arxiv.org/abs/2404.01291 (VQAScore); https://github.com/linzhiqiu/t2v_metrics
 * @example judgeYesProb(...) // top logprobs at token 1: Yes −0.105, No −2.303 //= 0.9 / (0.9 + 0.1) = 0.9
 */
export async function judgeYesProb(
  item: ScoreItem,
  response: string,
  params: JudgeYesProbOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(YES_NO_COMPONENTS)
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const images = selectImages(item, params)
  if (params.requireImage && images.length === 0)
    return invalid({ code: 'missing_input', field: 'images', expected: 'an image to ask about' }, 0, zero)
  const text = renderTemplate(params.prompt, itemVars(item, response), item.meta)
  return askYesNo(text, images, params, context, zero)
}
