/**
 * Structured reasons: every score carries one, tagged by `code`; text is rendered once, by `formatReason`.
 * The UI and the CLI both call `formatReason`; nothing parses message strings.
 */
export type RewardReason =
  /** scored normally; `note` says anything worth knowing about a pass */
  | { code: 'ok'; note?: string }
  /** parsed fine, but not (fully) right */
  | { code: 'wrong_answer'; expected?: string; got?: string }
  /** a required tag, block or pattern is missing from the response */
  | { code: 'no_answer'; expected: string }
  /** the answer is present but empty (never rewarded) */
  | { code: 'empty_answer' }
  /** the answer (or reference) could not be parsed as what the reward needs */
  | { code: 'unparseable_answer'; side: 'response' | 'reference'; expected: string; text: string }
  /** the response does not have the required layout */
  | { code: 'format_mismatch'; variant: string; expected: string }
  /** the item carries no reference, but the reward needs one */
  | { code: 'missing_reference'; expected: string }
  /** the item's reference is of the wrong shape */
  | { code: 'invalid_reference'; expected: string; got: string }
  /** something else the reward needs is missing from the item (image size, meta field, ...) */
  | { code: 'missing_input'; field: string; expected: string }
  /** hit a bound on size or work; `limit` names it */
  | { code: 'too_large'; limit: string; size: number; max: number }
  /** the reward ran out of time */
  | { code: 'timeout'; ms: number }
  /** an answer built to game the reward (whole-image boxes, option lists, ...) */
  | { code: 'suspected_hack'; pattern: string }
  /** composition: this component was not applied (a gate was closed, or the item went down another route) */
  | { code: 'gated'; by: string }
  /** the reward itself failed; a bug or an unavailable dependency (judge down) */
  | { code: 'reward_error'; message: string }

export type ReasonCode = RewardReason['code']

const clip = (s: string, n = 80): string => (s.length > n ? `${s.slice(0, n)}…` : s)

/**
 * A value as an error message quotes it: its JSON, cut to 40 characters ("got [1,2]", "got true").
 * @example quoteValue({ a: 1 }) //= '{"a":1}'
 */
export const quoteValue = (value: unknown): string => clip(JSON.stringify(value) ?? String(value), 40)

/** Renders a reason as one line of English. */
export function formatReason(r: RewardReason): string {
  switch (r.code) {
    case 'ok':
      return r.note ? `ok (${r.note})` : 'ok'
    case 'wrong_answer':
      return r.expected !== undefined || r.got !== undefined
        ? `wrong answer: expected ${JSON.stringify(clip(r.expected ?? '?'))}, got ${JSON.stringify(clip(r.got ?? '?'))}`
        : 'wrong answer'
    case 'no_answer':
      return `no answer found: expected ${r.expected}`
    case 'empty_answer':
      return 'the answer is empty'
    case 'unparseable_answer':
      return `could not parse the ${r.side} as ${r.expected}: ${JSON.stringify(clip(r.text))}`
    case 'format_mismatch':
      return `format "${r.variant}" not followed: expected ${r.expected}`
    case 'missing_reference':
      return `the item has no reference: expected ${r.expected}`
    case 'invalid_reference':
      return `the reference is not ${r.expected} (got ${r.got})`
    case 'missing_input':
      return `the item lacks ${r.field}: expected ${r.expected}`
    case 'too_large':
      return `${r.limit} is ${r.size}, over the limit of ${r.max}`
    case 'timeout':
      return `timed out after ${r.ms} ms`
    case 'suspected_hack':
      return `suspected reward hacking: ${r.pattern}`
    case 'gated':
      return `not applied (${r.by})`
    case 'reward_error':
      return `reward failed: ${r.message}`
  }
}

/** A short description of a value's shape, for `invalid_reference.got`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `an array of ${v.length}`
  if (typeof v === 'string') return `the string ${JSON.stringify(clip(v, 40))}`
  if (typeof v === 'object') return `an object with keys ${Object.keys(v).slice(0, 6).join(', ') || '(none)'}`
  return `${typeof v} ${String(v)}`
}
