import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { metaTokenCount } from '../shared.js'
import { overlongPenalty } from './overlong-penalty.js'

export const OverlongPenaltyParams = z
  .object({
    maxLength: z.int().min(1).default(20480).describe('L_max, the generation limit in tokens (DAPO: 20480)'),
    cache: z.int().min(1).default(4096).describe('L_cache, the soft-penalty zone before L_max (DAPO: 4096)'),
    factor: z.number().min(0).default(1).describe('penalty at L_max (DAPO: 1)'),
    charsPerToken: z
      .number()
      .positive()
      .nullable()
      .default(4)
      .describe(
        'when the item has no meta.tokens/meta.responseLength, estimate tokens as ceil(chars / this); null: such items are invalid',
      ),
  })
  .refine((p) => p.cache <= p.maxLength, { message: 'cache must not exceed maxLength', path: ['cache'] })
export type OverlongPenaltyParams = z.infer<typeof OverlongPenaltyParams>

/**
 * DAPO soft overlong punishment, in [−factor, 0], to be added to a task reward. The length is the response's
 * token count from `item.meta.tokens` (a count or the token ids) or `item.meta.responseLength`; without either it
 * is estimated from characters (`charsPerToken`, default 4, flagged in the reason's note) or, with
 * `charsPerToken: null`, the item is invalid (`missing_input`). The `length` component is the length used.
 * @see https://github.com/volcengine/verl (verl/workers/reward_manager/dapo.py); rewards.md §8a
 * @example score({ response: '…', meta: { tokens: 18432 } }) //= -0.5
 */
export const overlongPenaltyReward = defineReward({
  id: 'overlong-penalty',
  version: 1,
  summary: 'DAPO soft overlong punishment: 0 until L_max − L_cache, then linear down to −factor at L_max',
  source: 'verl verl/workers/reward_manager/dapo.py; DAPO arXiv:2503.14476; rewards.md §8a',
  params: OverlongPenaltyParams,
  needs: {},
  // [−factor, 0], and factor has no upper bound; −1 only under the default
  range: [Number.NEGATIVE_INFINITY, 0],
  components: () => ['length'],
  score: ({ response, item, params }) => {
    let length = metaTokenCount(item.meta)
    let note: string | undefined
    if (length === undefined) {
      if (params.charsPerToken === null)
        return invalid({ code: 'missing_input', field: 'meta.tokens', expected: 'the response length in tokens' })
      length = Math.ceil(response.length / params.charsPerToken)
      note = `length estimated as ${length} tokens from ${response.length} characters`
    }
    const reason = note ? { code: 'ok' as const, note } : undefined
    return scored(overlongPenalty(length, params), reason, { length })
  },
})
