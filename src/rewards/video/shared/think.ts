import type { RewardReason } from '../../../core/index.js'
import { extractTag } from '../../parsing/tags.js'
import { type ClaimGroup, MAX_CLAIMS, parseClaims } from './claims.js'

/** What the think-trace rewards read: the first `<think>` block, or the whole response when there is none. */
export function thinkText(response: string): string {
  return extractTag(response, 'think', { lenient: false }) ?? response
}

export const CLAIM_GRAMMAR = '<obj>name</obj><box>[x1,y1,x2,y2]</box> at <t>seconds</t>s claims'

/** The claim groups of the think trace, or why there are none to score. */
export function thinkClaims(response: string): ClaimGroup[] | RewardReason {
  return claimsIn(thinkText(response))
}

/** The claim groups of `text`, or why there are none to score. */
export function claimsIn(text: string): ClaimGroup[] | RewardReason {
  const claims = parseClaims(text)
  if (claims === undefined)
    return { code: 'too_large', limit: 'claims in the think trace', size: MAX_CLAIMS + 1, max: MAX_CLAIMS }
  if (claims.length === 0) return { code: 'no_answer', expected: CLAIM_GRAMMAR }
  return claims
}
