import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { temporalIou } from '../shared/span.js'
import { scoreItem } from '../shared/testing.js'
import { parseMotionO, parseTimeLens, parseTimeR1 } from './parse-span.js'
import { temporalIouReward } from './reward.js'
import { temporalIouScore } from './temporal-iou.js'

const run = (response: string, reference: unknown, params: object = {}, meta?: Record<string, unknown>) =>
  scoreItem(temporalIouReward, params, meta ? { response, reference, meta } : { response, reference })

describe('temporalIou', () => {
  it.each([
    [[12.5, 20], [10, 18], 0.55], // rewards.md §6b worked example: 5.5 / 10
    [[10, 18], [10, 18], 1],
    [[0, 5], [5, 10], 0], // touching spans share no time
    [[18, 12], [10, 18], 0], // reversed prediction
    [[3, 3], [0, 10], 0], // an instant has no length
    [[Number.NaN, 5], [0, 10], 0],
    [[0, Number.POSITIVE_INFINITY], [0, 10], 0], // Infinity/Infinity must not become NaN
    [[0, 1e308], [0, 1e308], 1], // huge but finite
  ] as const)('%j vs %j → %d', (a, b, v) => {
    expect(temporalIou(a, b)).toBeCloseTo(v, 12)
  })

  const span = fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
    .map(([s, len]) => [s, s + len] as const)
  it('is symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(span, span, (a, b) => {
        const v = temporalIou(a, b)
        return v >= 0 && v <= 1 && v === temporalIou(b, a)
      }),
    )
  })
  it('is 1 on identical spans and only there', () => {
    fc.assert(fc.property(span, span, (a, b) => (temporalIou(a, b) === 1) === (a[0] === b[0] && a[1] === b[1])))
  })
  it('is invariant under a common time shift', () => {
    // integer spans keep the subtraction exact, so the comparison can be exact too
    fc.assert(
      fc.property(span, span, fc.integer({ min: -1e6, max: 1e6 }), (a, b, d) => {
        const shift = (s: readonly [number, number]) => [s[0] + d, s[1] + d] as const
        return temporalIou(shift(a), shift(b)) === temporalIou(a, b)
      }),
    )
  })
  it('never returns NaN, whatever the numbers', () => {
    const n = fc.double()
    fc.assert(fc.property(n, n, n, n, (a, b, c, d) => !Number.isNaN(temporalIou([a, b], [c, d]))))
  })
})

describe('parseTimeLens', () => {
  it.each([
    ['12.5 - 20.0', [12.5, 20]], // §6b worked example
    ['The event happens from 12.5 to 20.0 seconds.', [12.5, 20]], // "to" becomes "-"
    ['It happens between 12.5 TO 20', [12.5, 20]], // lowercased first
    ['<think>at 3 then 4</think> <answer>12.5 - 20.0</answer>', [12.5, 20]], // the answer body only on a full match
    ['<think>from 3 - 4</think> <answer>12.5 - 20.0</answer>\n', [3, 4]], // not a full match: the whole text
    ['from 00:01:05.5 until 00:01:10', [65.5, 70]], // HH:MM:SS(.f) pairs
    ['from 01:05 until 01:10 (clip 3 - 4)', [65, 70]], // clock times win over a dash pair
    ['starts at 01:05, ends 30 - 40', [30, 40]], // a lone clock time falls through to the dash rule
    ['start 7 end 9', [7, 9]], // else the first two numbers
    ['1.5.7 - 3', [5.7, 3]], // re.search restarts after the dot, as Python does
    ['tomato 4to5', [4, 5]], // every "to" is replaced, even inside words
  ])('%j → %j', (response, span) => {
    expect(parseTimeLens(response)).toMatchObject({ span })
  })
  it.each([
    ['', 'empty_answer'],
    ['<think>x</think><answer>  </answer>', 'empty_answer'],
    ['no numbers at all', 'no_span'],
    ['only 12', 'no_span'],
  ])('%j fails with %s', (response, failure) => {
    expect(parseTimeLens(response)).toMatchObject({ failure })
  })
})

describe('parseTimeR1', () => {
  it.each([
    ['<answer>12.5 to 20.0</answer>', [12.5, 20]],
    ['<answer>1 to 2</answer> <answer>from 3 AND 4, then 5 to 6</answer>', [5, 6]], // last answer, last match
    ['<answer>1.5.7 to 3</answer>', [5.7, 3]],
  ])('%j → %j', (response, span) => {
    expect(parseTimeR1(response)).toMatchObject({ span })
  })
  it.each([
    ['12.5 to 20.0', 'no_answer'], // Time-R1 reads only <answer>
    ['<answer></answer>', 'empty_answer'],
    ['<answer>12.5  to 20</answer>', 'no_span'], // the regex wants single spaces
    ['<answer>12.5 - 20</answer>', 'no_span'],
  ])('%j fails with %s', (response, failure) => {
    expect(parseTimeR1(response)).toMatchObject({ failure })
  })
})

describe('parseMotionO', () => {
  it('reads the tagged span in the answer', () => {
    expect(parseMotionO('<think>…</think><answer>From <t>3.0</t>s to <t>7.5</t>s.</answer>')).toMatchObject({
      span: [3, 7.5],
    })
  })
  it('needs the exact tag layout', () => {
    expect(parseMotionO('<answer><t>3</t> s to <t>7</t>s</answer>')).toMatchObject({ failure: 'no_span' })
  })
})

describe('temporal-iou reward', () => {
  it.each([
    ['12.5 - 20.0', {}, 0.55], // §6b
    ['<answer>12.5 to 20.0</answer>', { parser: 'time-r1' }, 0.55],
    ['<answer>12.5 to 20.0</answer>', { parser: 'time-r1', variant: 'iou-v2' }, 0.55 * 0.9375 * 0.95], // §6c: .490
  ])('%j with %j → %d', (response, params, score) => {
    const out = run(response, [10, 18], params, { duration: 40 })
    expect(out).toMatchObject({ valid: true })
    expect(out.score).toBeCloseTo(score, 12)
  })
  it('reports the plain tIoU as a component under iou-v2', () => {
    const out = run(
      '<answer>12.5 to 20.0</answer>',
      [10, 18],
      { parser: 'time-r1', variant: 'iou-v2' },
      { duration: 40 },
    )
    expect(out.components?.tiou).toBeCloseTo(0.55, 12)
    expect(temporalIouReward.components?.(temporalIouReward.params.parse({ variant: 'iou-v2' }))).toEqual(['tiou'])
  })
  it('clamps iou-v2 factors in fixed mode; faithful lets the reward go negative', () => {
    // gt [0, 10] in a 40 s video; the predicted end 100 s past the true end: 1 − 90/40 < 0
    const ref = { span: [0, 10], duration: 40 }
    const fixed = run('<answer>0 to 100</answer>', ref, { parser: 'time-r1', variant: 'iou-v2' })
    const faithful = run('<answer>0 to 100</answer>', ref, { parser: 'time-r1', variant: 'iou-v2', mode: 'faithful' })
    expect(fixed.score).toBe(0)
    expect(faithful.score).toBeCloseTo(0.1 * 1 * (1 - 90 / 40), 12)
  })
  it('rejects bad params at compile time, saying what was expected', () => {
    expect(() => temporalIouReward.params.parse({ varient: 'iou-v2' })).toThrow() // a typo is not ignored
    const bad = temporalIouReward.params.safeParse({ parser: 'timechat' })
    expect(bad.success).toBe(false)
    expect(JSON.stringify(bad.error?.issues)).toContain('timelens')
  })
  it('needs the duration for iou-v2', () => {
    expect(run('<answer>1 to 2</answer>', [0, 5], { parser: 'time-r1', variant: 'iou-v2' })).toMatchObject({
      valid: false,
      reason: { code: 'missing_input', field: 'meta.duration' },
    })
  })
  it.each([
    [undefined, 'missing_reference'],
    [[5, 3], 'invalid_reference'], // a reversed reference is a data bug, not the model's fault
    [[0, Number.NaN], 'invalid_reference'],
    ['10-18', 'invalid_reference'],
  ])('reference %j → %s', (reference, code) => {
    expect(run('1 - 2', reference)).toMatchObject({ valid: false, score: 0, reason: { code } })
  })
  it.each([
    ['', 'empty_answer'],
    ['I cannot tell.', 'unparseable_answer'],
    ['20 - 12.5', 'unparseable_answer'], // reversed: start ≥ end scores 0
    ['12 - 12', 'unparseable_answer'],
    ['NaN - Infinity', 'unparseable_answer'], // words are not numbers
    ['<think>x</think><answer></answer>', 'empty_answer'],
  ])('%j is invalid (%s)', (response, code) => {
    expect(run(response, [10, 18])).toMatchObject({ valid: false, score: 0, reason: { code } })
  })
  it('says what was expected when the spans do not overlap', () => {
    expect(run('30 - 40', [10, 18])).toMatchObject({
      valid: true,
      score: 0,
      reason: { code: 'wrong_answer', expected: '[10, 18]', got: '[30, 40]' },
    })
  })
})

describe('hacks', () => {
  it('a whole-video span scores below an honest near miss when the truth is short', () => {
    // tIoU punishes over-long spans by itself: a 2 s event in a 120 s video gives 2/120 for "0 - 120"
    const whole = run('0 - 120', [50, 52])
    const nearMiss = run('50.5 - 52.5', [50, 52])
    expect(whole.score).toBeCloseTo(2 / 120, 12)
    expect(nearMiss.score).toBeCloseTo(0.6, 12)
    expect(whole.score).toBeLessThan(nearMiss.score)
  })
  it('huge numbers score 0, not NaN', () => {
    expect(run(`0 - ${'9'.repeat(400)}`, [10, 18]).score).toBe(0)
    // no exponents: "1e400 - 2e400" reads as the reversed pair 400 - 2, never as Infinity
    expect(run('1e400 - 2e400', [10, 18])).toMatchObject({
      valid: false,
      score: 0,
      reason: { code: 'unparseable_answer' },
    })
  })
  it.each([
    ['digits', '7'.repeat(10_000_000)],
    ['dashes between digits', '1-'.repeat(5_000_000)],
    ['clock-like noise', '1:2'.repeat(3_000_000)],
    ['think/answer tags', '<think></think>'.repeat(700_000)],
  ])('a 10 MB output of %s scores in bounded time', (_, response) => {
    for (const parser of ['timelens', 'time-r1', 'motion-o'] as const) {
      const t = performance.now()
      const out = run(response, [10, 18], { parser })
      expect(Number.isFinite(out.score)).toBe(true)
      expect(performance.now() - t).toBeLessThan(5000)
    }
  })
  it('the score is always a number in range, whatever the text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789.:- to<>/answerthink'.split('')), maxLength: 60 })
    fc.assert(
      fc.property(text, fc.constantFrom('timelens', 'time-r1', 'motion-o'), (response, parser) => {
        const out = temporalIouScore(response, [10, 18], { parser })
        return out.score >= 0 && out.score <= 1
      }),
    )
  })
})
