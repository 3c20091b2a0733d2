import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { setFastPath } from './fast-path.js'
import { clearMemos } from './memo.js'
import { isPlainLatex, normalizeLatex } from './normalize.js'
import { MathEquivalentParams, mathEquivalentReward } from './reward.js'
import { parseMath } from './structure.js'

// The fast paths for the answers of RL batches (plain LaTeX, words before an answer, the reward's verdict memo)
// against the code with the fast path off, on random forms of the families those batches hold
// (test/fixtures/mixed-rollouts.ts, `mathCase`): a divergence fails here.

afterEach(() => setFastPath(true))

function slow<T>(f: () => T): T {
  setFastPath(false)
  try {
    return f()
  } finally {
    setFastPath(true)
  }
}

const int = (lo: number, hi: number) => fc.integer({ min: lo, max: hi })

/** A value of the bench families and ways to write it: [gold, same value written otherwise..., wrong...]. */
const family: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(int(0, 60)).map(([a]) => [String(a), `${a}.0`, String(a + 1), `-${a}`]),
  fc.tuple(int(0, 160)).map(([a]) => [(a / 4).toFixed(2), `${(a / 4).toFixed(2)}0`, (a / 4 + 0.5).toFixed(2)]),
  fc
    .tuple(int(1, 60), int(1, 90))
    .map(([a, q]) => [`${a}/${q}`, `\\frac{${a}}{${q}}`, `${a + 1}/${q}`, `\\frac{${q}}{${a}}`, (a / q).toFixed(6)]),
  fc
    .tuple(int(1, 12), fc.constantFrom(2, 3, 5))
    .map(([b, n]) => [
      `${b}\\sqrt{${n}}`,
      `\\sqrt{${n * b * b}}`,
      `${b}\\sqrt{${n === 2 ? 3 : 2}}`,
      `\\sqrt{${n * b * b + 1}}`,
      (b * Math.sqrt(n)).toFixed(4),
    ]),
  fc
    .tuple(int(1, 12), int(1, 7))
    .map(([b, q]) => [
      `\\frac{${b}\\pi}{${q}}`,
      `${b}\\pi/${q}`,
      `\\frac{${b}}{${q}}\\pi`,
      `\\frac{${b}\\pi}{${2 * q}}`,
      ((b * Math.PI) / q).toFixed(6),
    ]),
)

/** How a model states an answer: bare, after words, or in a sentence. */
const phrase = fc.constantFrom(
  (x: string) => x,
  (x: string) => x,
  (x: string) => `x equals ${x}`,
  (x: string) => `x is ${x}`,
  (x: string) => `${x}.`,
  (x: string) => `x = ${x}`,
  (x: string) => ` ${x}  `,
  (x: string) => `$${x}$`,
)

/** How the output wraps it (test/fixtures/mixed-rollouts.ts `benchRollouts`): tags, no tags, truncation. */
const wrap = fc.constantFrom(
  (x: string) => `<think>So I solve for x.</think>\n<answer>${x}</answer>`,
  (x: string) => `<think>So I solve for x.</think>\n<answer>${x}</answer>`,
  (x: string) => `The labels in the figure give the values. The answer is ${x}.`,
  (x: string) => `<think>I solve.</think>\n<answer>${x}</answer> I hope this helps.`,
  (x: string) => `<think>Counting and measuring from the picture ${x}`,
)

const item = fc
  .tuple(family, fc.nat(), fc.nat(), phrase, wrap, fc.constantFrom('answer-tag', 'free', 'boxed'))
  .map(([forms, g, p, say, out, answer]) => ({
    reference: forms[g % 2] as string,
    response:
      answer === 'boxed'
        ? `\\boxed{${say(forms[p % forms.length] as string)}}`
        : out(say(forms[p % forms.length] as string)),
    params: MathEquivalentParams.parse({ answer }),
  }))

const ctx = { services: {} }

describe('the RL-mix fast paths never change a score', () => {
  it('the reward gives the fast-path-off output on generated items, first seen and seen again', () => {
    let right = 0
    let runs = 0
    fc.assert(
      fc.property(item, fc.boolean(), ({ reference, response, params }, fresh) => {
        if (fresh) clearMemos()
        const want = slow(() => runReward(mathEquivalentReward, params, { response, reference }, ctx))
        const first = runReward(mathEquivalentReward, params, { response, reference }, ctx)
        const again = runReward(mathEquivalentReward, params, { response, reference }, ctx)
        expect(first).toEqual(want)
        expect(again).toEqual(want)
        runs++
        if ((want as { score: number }).score === 1) right++
      }),
      { numRuns: 1500 },
    )
    // both verdicts occur, else this would check little
    expect(right / runs).toBeGreaterThan(0.15)
    expect(right / runs).toBeLessThan(0.85)
  })
})

describe('isPlainLatex', () => {
  it.each([
    ['17', true],
    ['x equals \\frac{2\\pi}{3}', true],
    ['7\\sqrt{3}', true],
    ['2\\pi/3', true],
    ['\\frac32', false], // braceShorthand rewrites it
    ['\\sqrt2', false],
    ['\\dfrac{1}{2}', false],
    ['\\pix', false],
    ['1.', false], // the trailing period goes
    [' 1', false],
    ['1  2', false],
    ['1,2', false],
    ['x=1', false],
    ['\\left(1\\right)', false],
    ['\\frac{1}{2}\\,', false],
    ['', false],
  ])('%j → %s', (s, want) => {
    expect(isPlainLatex(s)).toBe(want)
  })

  const token = fc.constantFrom(
    '1',
    '23',
    '0',
    '.',
    '/',
    '+',
    '-',
    ' ',
    '  ',
    'x',
    'equals',
    'E',
    '{',
    '}',
    '\\frac{',
    '\\frac',
    '\\dfrac{',
    '\\sqrt{',
    '\\sqrt',
    '\\pi',
    '\\pi x',
    '\\,',
    '\\ ',
    '\\left(',
    '\\right)',
    '\\text{cm}',
    '\\%',
    '%',
    ',',
    '=',
    '^\\circ',
    '(',
    ')',
    '$',
    '\n',
    '\\infty',
  )
  const text = fc.array(token, { minLength: 1, maxLength: 10 }).map((ts) => ts.join(''))

  it('plain strings normalise to themselves, as the full normalisation has it', () => {
    let plain = 0
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizeLatex(s)).toBe(slow(() => normalizeLatex(s)))
        if (isPlainLatex(s)) {
          plain++
          expect(slow(() => normalizeLatex(s))).toBe(s)
        }
      }),
      { numRuns: 4000 },
    )
    expect(plain).toBeGreaterThan(100)
  })

  it('plain strings parse as the full structure reader parses them', () => {
    fc.assert(
      fc.property(
        text.filter((s) => isPlainLatex(s)),
        (s) => {
          expect(parseMath(s, { tooLarge: false })).toEqual(slow(() => parseMath(s, { tooLarge: false })))
        },
      ),
      { numRuns: 400 },
    )
  })
})
