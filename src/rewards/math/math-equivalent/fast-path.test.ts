import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { fastLatexJson } from './fast-latex.js'
import { setFastPath } from './fast-path.js'
import { mathEquivalent } from './math-equivalent.js'
import { normalizeLatex } from './normalize.js'
import type { MathEquivalentOptions, MathEquivalentResult } from './types.js'

// The fast path must never change a verdict: on generated (gold, model output) pairs of the forms it takes, the
// whole result (equal, reason, parsed forms) is the one the engine-only path gives.

afterEach(() => setFastPath(true))

function full(gold: string, pred: string, options?: MathEquivalentOptions): MathEquivalentResult {
  setFastPath(false)
  try {
    return mathEquivalent(gold, pred, options)
  } finally {
    setFastPath(true)
  }
}

/** A value of one of the fast forms; `writings` are ways a dataset or a model writes it. */
interface Spec {
  kind: 'rational' | 'radical' | 'pi' | 'sum' | 'percent'
  /** sign, numerator, denominator, radicand or constant term; perturbed for a wrong answer */
  s: -1 | 1
  p: number
  q: number
  n: number
}

const SQUAREFREE = [2, 3, 5, 6, 7, 10, 11, 13, 15, 17, 19, 21]

const spec: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom('rational', 'rational', 'radical', 'pi', 'sum', 'percent'),
  s: fc.constantFrom(-1, 1, 1),
  p: fc.integer({ min: 1, max: 40 }),
  q: fc.integer({ min: 1, max: 12 }),
  n: fc.constantFrom(...SQUAREFREE),
})

/** Another value close to `v`: one number moved by one, or the sign flipped. */
const perturb = (v: Spec, which: number): Spec => {
  if (which === 0) return { ...v, s: v.s === 1 ? -1 : 1 }
  if (which === 1) return { ...v, p: v.p + 1 }
  if (which === 2) return { ...v, q: v.q + 1 }
  return { ...v, n: v.n === 2 ? 3 : 2 }
}

const minus = (v: Spec, spaced: boolean) => (v.s < 0 ? (spaced ? '- ' : '-') : '')

/** Every writing of `v` (equal values written differently; a decimal approximates at `digits`). */
function writings(v: Spec, digits: number): string[] {
  const { p, q, n } = v
  const m = minus(v, false)
  const value =
    v.s *
    (v.kind === 'rational' || v.kind === 'percent'
      ? p / q
      : v.kind === 'radical'
        ? (p * Math.sqrt(n)) / q
        : v.kind === 'pi'
          ? (p * Math.PI) / q
          : (p + Math.sqrt(n)) / q)
  const decimal = value.toFixed(digits)
  switch (v.kind) {
    case 'rational': {
      const w = Math.floor(p / q)
      const r = p % q
      return [
        `${m}\\frac{${p}}{${q}}`,
        `${minus(v, true)}\\dfrac{${2 * p}}{${2 * q}}`,
        `\\tfrac{${v.s * p}}{${q}}`,
        `${m}${p}/${q}`,
        `\\frac{{${m}${p}}}{{${q}}}`,
        `\\frac {${p}} {${q}}${v.s < 0 ? '\\cdot(-1)' : ''}`,
        `\\left(${m}\\frac{${p}}{${q}}\\right)`,
        w > 0 && r > 0 ? `${m}${w}\\frac{${r}}{${q}}` : `${m}{${p}}/{${q}}`,
        w > 0 && r > 0 ? `${m}${w} \\frac{ ${r} }{${q}}` : `${m}\\frac{${p}}{${q}}`,
        decimal,
      ]
    }
    case 'radical':
      return [
        `${m}\\frac{${p}\\sqrt{${n}}}{${q}}`,
        `${m}\\frac{\\sqrt{${p * p * n}}}{${q}}`,
        `${m}\\frac{${p}}{${q}}\\sqrt{${n}}`,
        `${m}${p}\\sqrt{${n}}/${q}`,
        `${m}\\dfrac{${p} \\sqrt{${n}}}{${q}}`,
        `${minus(v, true)}{${p}}\\sqrt {${n}}/{${q}}`,
        q === 1 ? `${m}\\sqrt{${n}}\\cdot ${p}` : `${m}\\sqrt{${n}}\\cdot\\frac{${p}}{${q}}`,
        `\\frac{${m}${p}\\sqrt{${n}}}{${q}}`,
        decimal,
      ]
    case 'pi':
      return [
        `${m}\\frac{${p}\\pi}{${q}}`,
        `${m}\\frac{${p}}{${q}}\\pi`,
        `${m}${p}\\pi/${q}`,
        `${minus(v, true)}\\tfrac{${p} \\pi}{ ${q} }`,
        q === 1 ? `${m}${p}\\pi` : `${m}\\frac{\\pi}{${q}}\\cdot ${p}`,
        `\\left(${m}\\frac{${p}\\pi}{${q}}\\right)`,
        decimal,
      ]
    case 'sum':
      return [
        `${m}\\frac{${p}+\\sqrt{${n}}}{${q}}`,
        `${m}\\frac{\\sqrt{${n}}+${p}}{${q}}`,
        `${m}\\left(\\frac{${p}}{${q}}+\\frac{\\sqrt{${n}}}{${q}}\\right)`,
        v.s < 0 ? `\\frac{-${p}-\\sqrt{${n}}}{${q}}` : `\\frac{${p}}{${q}} + \\frac{1}{${q}}\\sqrt{${n}}`,
        q === 1 ? `${m}{${p}+\\sqrt{${n}}}` : `${m}\\dfrac{{${p}+\\sqrt{${n}}}}{${q}}`,
        decimal,
      ]
    case 'percent':
      return [
        `${m}${((100 * p) / q).toFixed(2)}\\%`,
        `${m}\\frac{${p}}{${q}}`,
        decimal,
        `${m}\\frac{${100 * p}}{${q}}\\%`,
      ]
  }
}

const output = fc.constantFrom(
  (x: string) => `$${x}$`,
  (x: string) => `So we get \\boxed{${x}}.`,
  (x: string) => `Step 1: $a = 3$.\nThe final answer is $${x}$. I hope it is correct.`,
  (x: string) => `Thus \\[ ${x} \\]`,
  (x: string) => `Answer: \\( ${x} \\)`,
)
const goldText = fc.constantFrom(
  (x: string) => x,
  (x: string) => ` ${x} `,
  (x: string) => `\\boxed{${x}}`,
  (x: string) => `$${x}$`,
)

const options: fc.Arbitrary<MathEquivalentOptions | undefined> = fc.option(
  fc.record(
    {
      floatRounding: fc.integer({ min: 1, max: 10 }),
      numericPrecision: fc.integer({ min: 2, max: 17 }),
      strict: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
)

/** One (gold, output) pair: the same value (60%) or a perturbed one, one writing each, maybe in a tuple or set. */
const pair = fc
  .record({
    v: spec,
    w: spec,
    wrong: fc.integer({ min: 0, max: 9 }),
    which: fc.integer({ min: 0, max: 3 }),
    pick: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
    digits: fc.integer({ min: 1, max: 9 }),
    shape: fc.constantFrom('one', 'one', 'one', 'tuple', 'set'),
    out: output,
    gold: goldText,
    options,
  })
  .map(({ v, w, wrong, which, pick, digits, shape, out, gold, options }) => {
    const choose = (x: Spec, i: number) => {
      const all = writings(x, digits)
      return all[i % all.length] as string
    }
    const p = wrong < 6 ? v : perturb(v, which)
    let g = choose(v, pick[0])
    let o = choose(p, pick[1])
    if (shape !== 'one') {
      const [open, close] = shape === 'tuple' ? ['(', ')'] : ['\\{', '\\}']
      g = `${open}${g}, ${choose(w, pick[2])}${close}`
      o = shape === 'set' ? `${open}${choose(w, pick[3])},${o}${close}` : `${open}${o}, ${choose(w, pick[3])}${close}`
    }
    return { gold: gold(g), pred: out(o), options: options ?? undefined, bare: choose(v, pick[0]) }
  })

describe('the fast path never changes a verdict', () => {
  it('gives the engine-only result on thousands of generated pairs', () => {
    let equal = 0
    let fast = 0
    let runs = 0
    fc.assert(
      fc.property(pair, ({ gold, pred, options, bare }) => {
        const got = mathEquivalent(gold, pred, options)
        expect(got).toEqual(full(gold, pred, options))
        runs++
        if (got.equal) equal++
        if (fastLatexJson(normalizeLatex(bare)) !== undefined) fast++
      }),
      { numRuns: 2500 },
    )
    // both verdicts occur, and most golds are the fast path's (else this test would check little)
    expect(equal / runs).toBeGreaterThan(0.25)
    expect(equal / runs).toBeLessThan(0.85)
    expect(fast / runs).toBeGreaterThan(0.5)
  })

  it('gives the same result for a fast form against any other answer', () => {
    const other = fc.constantFrom(
      'x+1',
      '\\frac{x}{2}',
      '[1, 2)',
      '\\sqrt[3]{8}',
      '1.5\\sqrt{2}',
      '2^{10}',
      'e^{i\\pi}',
    )
    fc.assert(
      fc.property(spec, other, fc.nat(), fc.boolean(), (v, o, i, goldFirst) => {
        const all = writings(v, 6)
        const x = all[i % all.length] as string
        const [gold, pred] = goldFirst ? [x, `$${o}$`] : [o, `$${x}$`]
        expect(mathEquivalent(gold, pred)).toEqual(full(gold, pred))
      }),
      { numRuns: 500 },
    )
  })
})

describe('the extraction shortcuts never change a verdict', () => {
  // model output as a token soup of prose, "answer" phrases at every distance, LaTeX spans, boxes, bare fractions,
  // plain numbers and escapes: what decides which candidate is tried first
  const token = fc.constantFrom(
    'Step 1: we have ',
    'so ',
    ' ',
    '\n',
    'Therefore the answer is ',
    'The final answer is ',
    'Answer: ',
    'ANSWER ',
    'answer',
    'final answer, after all that work, is ',
    '. I hope it is correct.',
    ' and ',
    ' or ',
    ', ',
    '$5$',
    '$\\frac{1}{2}$',
    '$x = 3$',
    '$2\\sqrt{3}$',
    '\\boxed{7}',
    '\\boxed{\\frac{3}{4}}',
    '\\fbox{2}',
    '\\\\boxed{1}',
    '\\[2\\sqrt{3}\\]',
    '\\(3\\pi\\)',
    '\\frac{5}{6}',
    '42',
    '-3',
    '3.5',
    '.5',
    '.',
    '1,234',
    '25%',
    '2+3',
    '{',
    '}',
    '\\',
    '$',
  )
  const gold = fc.constantFrom('5', '\\frac{1}{2}', '7', '2\\sqrt{3}', '42', '3', '\\frac{3}{4}', 'x=3', '0.5', '3\\pi')
  const extractOptions: fc.Arbitrary<MathEquivalentOptions> = fc.record(
    {
      extract: fc.constantFrom(['latex', 'expr'], ['latex'], ['expr'], ['expr', 'latex']) as fc.Arbitrary<
        ('latex' | 'expr')[]
      >,
      boxedFirst: fc.boolean(),
    },
    { requiredKeys: [] },
  )

  it('gives the engine-only, shortcut-free result on generated model outputs', () => {
    fc.assert(
      fc.property(gold, fc.array(token, { minLength: 1, maxLength: 24 }), extractOptions, (g, tokens, options) => {
        const pred = tokens.join('')
        expect(mathEquivalent(g, pred, options)).toEqual(full(g, pred, options))
      }),
      { numRuns: 2000 },
    )
  })
})
