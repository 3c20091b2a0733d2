import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { describeValue } from '../../../core/reason.js'
import { extractTag } from '../../parsing/tags.js'
import { MAX_TEXT_CHARS } from '../shared.js'
import { satoriCaption } from './satori-caption.js'

export const SatoriCaptionParams = z.object({})
export type SatoriCaptionParams = z.infer<typeof SatoriCaptionParams>

const EXPECTED = 'a caption string, or an object with a "caption" string'

/**
 * SATORI-R1's caption reward on the first `<caption>…</caption>` block: `(BLEU-4 + ROUGE-L F1)/2` against the
 * reference caption (`item.reference` as a string, or its `caption` field). No tag or an empty caption scores 0;
 * an empty reference caption is `invalid_reference`.
 * Components `bleu4` and `rougeL`.
 * @see https://github.com/justairr/SATORI-R1 (plugin.py, qwen2.5_grpo.sh); rewards.md §5a
 * @example score({ response: '<caption>a dog runs on the grass</caption>…', reference: 'a dog is running on the grass' }) //= 0.5690…
 */
export const satoriCaptionReward = defineReward({
  id: 'satori-caption',
  version: 2,
  summary: 'SATORI-R1 caption reward: (BLEU-4 nltk method1 + ROUGE-L F1 stemmed) / 2 on the <caption> block',
  source: 'justairr/SATORI-R1 plugin.py; rewards.md §5a',
  params: SatoriCaptionParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['bleu4', 'rougeL'],
  score: ({ response, reference }) => {
    const zero = { bleu4: 0, rougeL: 0 }
    let ref: unknown = reference
    if (typeof ref === 'object' && ref !== null && !Array.isArray(ref)) ref = (ref as Record<string, unknown>).caption
    if (ref === undefined || ref === null) return invalid({ code: 'missing_reference', expected: EXPECTED }, 0, zero)
    if (typeof ref !== 'string')
      return invalid({ code: 'invalid_reference', expected: EXPECTED, got: describeValue(reference) }, 0, zero)
    if (ref.trim() === '')
      return invalid(
        { code: 'invalid_reference', expected: 'a caption that is not empty', got: describeValue(ref) },
        0,
        zero,
      )
    const caption = extractTag(response, 'caption')
    if (caption === undefined) return invalid({ code: 'no_answer', expected: '<caption>…</caption>' }, 0, zero)
    if (caption.trim() === '') return invalid({ code: 'empty_answer' }, 0, zero)
    for (const [what, text] of [
      ['caption', caption],
      ['reference caption', ref],
    ] as const)
      if (text.length > MAX_TEXT_CHARS)
        return invalid(
          { code: 'too_large', limit: `${what} length (chars)`, size: text.length, max: MAX_TEXT_CHARS },
          0,
          zero,
        )
    const d = satoriCaption(caption, ref)
    return scored(d.score, undefined, { bleu4: d.bleu4, rougeL: d.rougeL })
  },
})
