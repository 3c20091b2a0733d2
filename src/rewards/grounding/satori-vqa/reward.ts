import { z } from 'zod'
import { defineReward, describeValue, invalid } from '../../../core/index.js'
import { satoriVqa } from './satori-vqa.js'

export const SatoriVqaParams = z.object({})
export type SatoriVqaParams = z.infer<typeof SatoriVqaParams>

const EXPECTED = 'an acceptable answer string, or a non-empty list of them'

/** The acceptable answers: a string or a list of strings; empty strings are dropped (they could never match). */
function acceptedAnswers(reference: unknown): string[] | undefined {
  const list = typeof reference === 'string' ? [reference] : reference
  if (!Array.isArray(list) || !list.every((a) => typeof a === 'string')) return undefined
  const kept = (list as string[]).filter((a) => a !== '')
  return kept.length > 0 ? kept : undefined
}

export const satoriVqaReward = defineReward({
  id: 'satori-vqa',
  version: 1,
  summary: 'The <answer> text, stripped, is exactly one of the acceptable answers (SATORI-R1)',
  source: 'justairr/SATORI-R1 plugin.py; rewards.md §5a',
  params: SatoriVqaParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['match'],
  score: ({ response, reference }) => {
    if (reference === undefined || reference === null)
      return invalid({ code: 'missing_reference', expected: EXPECTED }, 0, { match: 0 })
    const accepted = acceptedAnswers(reference)
    if (!accepted)
      return invalid({ code: 'invalid_reference', expected: EXPECTED, got: describeValue(reference) }, 0, { match: 0 })
    return satoriVqa(response, accepted)
  },
})
