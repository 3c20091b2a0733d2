import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, OK, type RewardOutput, scored } from '../../../core/outcome.js'
import { describeValue, type RewardReason } from '../../../core/reason.js'
import { extractAnswer } from '../../parsing/tags.js'
import { fastPathEnabled } from './fast-path.js'
import { answersEqual, parseAnswer, showValue } from './math-equivalent.js'
import { onClearMemos } from './memo.js'
import { lastBoxed } from './normalize.js'

export const MathEquivalentParams = z
  .object({
    answer: z
      .enum(['free', 'boxed', 'answer-tag'])
      .default('free')
      .describe(
        '"free": Math-Verify extraction over the whole output; "boxed": the last \\boxed{} (EasyR1, verl geo3k); "answer-tag": the <answer> block, else the whole output (Perception-R1)',
      ),
    formatWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('weight of the format check, score = (1-w)·accuracy + w·format; EasyR1 and verl geo3k use 0.1'),
    extract: z
      .array(z.enum(['latex', 'expr']))
      .min(1)
      .default(['latex', 'expr'])
      .describe('kinds of answer looked for in free text: "latex", "expr" (plain numbers and expressions)'),
    floatRounding: z.int().min(0).max(20).default(6).describe('digits both sides are rounded to when one is a decimal'),
    numericPrecision: z.int().min(1).max(20).default(15).describe('significant digits that must agree'),
    strict: z.boolean().default(true).describe('false: variables match by position and sets match tuples'),
    allowSetRelationComparison: z
      .boolean()
      .default(false)
      .describe('let a gold set or interval match a predicted relation (the reverse is always allowed)'),
    boxedFirst: z.boolean().default(true).describe('try \\boxed{} before "final answer is" phrases'),
  })
  .refine((p) => p.formatWeight === 0 || p.answer !== 'free', {
    message: 'formatWeight needs answer "boxed" or "answer-tag" (the format checked is that layout)',
    path: ['formatWeight'],
  })
export type MathEquivalentParams = z.infer<typeof MathEquivalentParams>

/** EasyR1's `<think>.*</think>.*\\boxed\{.*\}.*` (fullmatch, DOTALL), and `<think>…</think>` then `<answer>…</answer>`. */
function formatOk(response: string, answer: MathEquivalentParams['answer']): boolean {
  if (!response.startsWith('<think>')) return false
  const think = response.indexOf('</think>', 7)
  if (think < 0) return false
  if (answer === 'boxed') {
    const box = response.indexOf('\\boxed{', think + 8)
    return box >= 0 && response.indexOf('}', box + 7) >= 0
  }
  const open = response.indexOf('<answer>', think + 8)
  return open >= 0 && response.indexOf('</answer>', open + 8) >= 0 && response.trimEnd().endsWith('</answer>')
}

function answerText(response: string, p: MathEquivalentParams): string | undefined {
  if (p.answer === 'boxed') return lastBoxed(response)
  if (p.answer === 'answer-tag') return extractAnswer(response, { multiline: false, fallbackToWhole: true })
  return response
}

/** The accuracy part of a score: what `score` returns but for the format component. */
interface Verdict {
  acc: number
  reason: RewardReason
  valid: boolean
}

/** Judges the answer `text` (undefined: none found) against the reference, parsed for `p`. */
function judge(reference: string, text: string | undefined, p: MathEquivalentParams): Verdict {
  const gold = parseAnswer(reference, 'gold', p)
  if (!gold.candidates.some((c) => c.value)) {
    if (gold.tooLarge) return fail({ code: 'too_large', limit: 'reference size', size: reference.length, max: 4000 })
    return fail({ code: 'unparseable_answer', side: 'reference', expected: 'a math answer', text: reference })
  }
  if (text === undefined) return fail({ code: 'no_answer', expected: 'a \\boxed{} answer' })
  if (text.trim() === '') return fail({ code: 'empty_answer' })
  const pred = parseAnswer(text, p.answer === 'free' ? 'free' : 'auto', p)
  if (answersEqual(gold, reference, pred, text, p)) return { acc: 1, reason: OK, valid: true }
  const parsed = pred.candidates.find((c) => c.value)
  if (parsed?.value)
    return { acc: 0, reason: { code: 'wrong_answer', expected: reference, got: showValue(parsed.value) }, valid: true }
  if (pred.tooLarge) return fail({ code: 'too_large', limit: 'answer size', size: text.length, max: 4000 })
  return fail({ code: 'unparseable_answer', side: 'response', expected: 'a math answer', text: text.slice(-200) })
}

const fail = (reason: RewardReason): Verdict => ({ acc: 0, reason, valid: false })

/**
 * `judge`, memoised on (params, reference, answer text): a GRPO group scores one reference against 8 to 16
 * rollouts whose final answers mostly repeat, and the verdict is a pure function of these three. Reasons are
 * frozen, as they are shared between the outputs of equal pairs. Off with the fast path (tests compare both).
 */
function verdict(reference: string, text: string | undefined, p: MathEquivalentParams): Verdict {
  if (text === undefined || !fastPathEnabled() || reference.length + text.length > MAX_PAIR_CHARS)
    return judge(reference, text, p)
  let memo = verdicts.get(p)
  if (memo === undefined) {
    memo = { size: 0, byReference: new Map() }
    verdicts.set(p, memo)
  }
  let byText = memo.byReference.get(reference)
  const hit = byText?.get(text)
  if (hit !== undefined) return hit
  const v = judge(reference, text, p)
  Object.freeze(v.reason)
  if (memo.size >= MAX_PAIRS) {
    memo.byReference.clear()
    memo.size = 0
    byText = undefined
  }
  if (byText === undefined) {
    byText = new Map()
    memo.byReference.set(reference, byText)
  }
  byText.set(text, v)
  memo.size++
  return v
}

/** Pairs kept per params object (all dropped when full), and the longest pair kept: answers are short. */
const MAX_PAIRS = 4096
const MAX_PAIR_CHARS = 512
/** By params object (a compiled spec hands its leaf the same one for every item), then reference, then text. */
let verdicts = new WeakMap<MathEquivalentParams, { size: number; byReference: Map<string, Map<string, Verdict>> }>()
onClearMemos(() => {
  verdicts = new WeakMap()
})

/** The output for an accuracy and a format score, weighted by `w` (a module function: no closure per item). */
function output(w: number, fmt: number, acc: number, reason: RewardReason, valid: boolean): RewardOutput {
  const components = w > 0 ? { accuracy: acc, format: fmt } : { accuracy: acc }
  const score = (1 - w) * acc + w * fmt
  return valid ? scored(score, reason, components) : invalid(reason, score, components)
}

/**
 * Math answer equivalence as a reward: 1 when the output's answer equals `item.reference` (string or number)
 * by Math-Verify's judgement, else 0; with `formatWeight` w, `(1-w)·accuracy + w·format` as EasyR1 and verl geo3k.
 * In-process calls are bounded by size and depth (`too_large`); the hard per-item deadline is the runtime pool's.
 * @see https://github.com/huggingface/Math-Verify (src/math_verify/parser.py, grader.py)
 * @see https://github.com/hiyouga/EasyR1 (examples/reward_function/math.py), https://github.com/volcengine/verl (verl/utils/reward_score/geo3k.py)
 * @example score({ response: '<think>…</think> so \\boxed{\\frac{1}{2}}', reference: '0.5' }) //= 1
 */
export const mathEquivalentReward = defineReward({
  id: 'math-equivalent',
  // 2: \binom and finite sums are computed, a gold that does not parse guesses no number, a text reference is
  // extracted as the response is, space thousands separators are read
  version: 2,
  summary:
    'the final answer equals the reference by Math-Verify judgement (numbers, expressions, sets, intervals, ...)',
  source: 'huggingface/Math-Verify src/math_verify/{parser,grader}.py; EasyR1 examples/reward_function/math.py',
  params: MathEquivalentParams,
  needs: { reference: true },
  range: [0, 1],
  components: (p) => (p.formatWeight > 0 ? ['accuracy', 'format'] : ['accuracy']),
  score: ({ response, reference, params: p }): RewardOutput => {
    const w = p.formatWeight
    const fmt = w > 0 ? (formatOk(response, p.answer) ? 1 : 0) : 0
    if (reference === undefined || reference === null)
      return output(w, fmt, 0, { code: 'missing_reference', expected: 'a math answer (string or number)' }, false)
    if (typeof reference !== 'string' && typeof reference !== 'number') {
      const reason: RewardReason = {
        code: 'invalid_reference',
        expected: 'a string or a number',
        got: describeValue(reference),
      }
      return output(w, fmt, 0, reason, false)
    }
    const v = verdict(String(reference), answerText(response, p), p)
    return output(w, fmt, v.acc, v.reason, v.valid)
  },
})
