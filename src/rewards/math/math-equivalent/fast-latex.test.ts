import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { parseLatexExpr } from './engine.js'
import { fastLatexJson } from './fast-latex.js'
import { setFastPath } from './fast-path.js'
import { normalizeLatex } from './normalize.js'

afterEach(() => setFastPath(true))

/**
 * Runs `fastLatexJson` (wide forms or not) on `numRuns` inputs: wherever it accepts one, it must give the engine's
 * MathJSON. Returns the share it accepted, which tests over the fast forms bound from below (the property means
 * something only if most of them are taken).
 */
function agreesWithEngine(inputs: fc.Arbitrary<string>, wide: boolean, numRuns: number): number {
  let accepted = 0
  let runs = 0
  fc.assert(
    fc.property(inputs, (s) => {
      runs++
      const fast = fastLatexJson(s, wide)
      if (fast === undefined) return
      accepted++
      expect(fast).toEqual(parseLatexExpr(s) ?? 'unparseable')
    }),
    { numRuns },
  )
  return accepted / runs
}

// Each form with the engine's MathJSON, written out: the engine's quirks the fast path must reproduce.
const shapes: [latex: string, json: unknown, why: string][] = [
  ['2\\sqrt{3}', ['InvisibleOperator', 2, ['Sqrt', 3]], 'juxtaposition is InvisibleOperator, not Multiply'],
  ['-\\frac{3}{4}', ['Negate', ['Divide', 3, 4]], 'a leading minus negates the whole term'],
  ['3\\frac{1}{2}', ['InvisibleOperator', 3, ['Divide', 1, 2]], 'the engine reads a spaced mixed number as a product'],
  ['1-\\sqrt{2}', ['Add', 1, ['Negate', ['Sqrt', 2]]], 'a difference is a sum with a negated term'],
  ['1-2+3-4', ['Add', 1, ['Negate', 2], 3, ['Negate', 4]], '+ splices both sides into one Add'],
  ['1-2-3', ['Add', ['Add', 1, ['Negate', 2]], ['Negate', 3]], '- is left-associative and nests'],
  ['1+2-3-4', ['Add', 1, ['Add', 2, ['Negate', 3]], ['Negate', 4]], '+ takes the whole rest as its right side'],
  ['-3/4', ['Divide', ['Negate', 3], 4], 'a sign binds to the first factor of a /'],
  ['1-2\\cdot 3', ['Add', 1, ['Multiply', ['Negate', 2], 3]], 'and of a \\cdot chain'],
  ['3\\pi/4', ['InvisibleOperator', 3, ['Divide', 'Pi', 4]], '/ takes only the factor before it'],
  ['3/4\\pi', ['Divide', 3, ['InvisibleOperator', 4, 'Pi']], '/ takes every factor after it'],
  ['2\\cdot\\frac{1}{2}', ['Multiply', 2, ['Divide', 1, 2]], '\\cdot is Multiply'],
  ['{{2}\\sqrt{3}}', ['InvisibleOperator', 2, ['Sqrt', 3]], 'redundant braces vanish'],
  ['\\frac {1+\\sqrt{5}} {2}', ['Divide', ['Add', 1, ['Sqrt', 5]], 2], 'spaces between \\frac and its groups'],
]

// Inputs the fast path leaves to the engine (its shape is irregular there, or they are outside the set).
const declined: [latex: string, why: string][] = [
  ['2 2', 'the engine joins digits across a space into 22'],
  ['\\sqrt{3}2', 'an integer after another factor'],
  ['1/2/3', 'a second / in one term'],
  ['1.5\\sqrt{2}', 'decimals keep the engine (and floatRounding applies)'],
  ['2x', 'a variable'],
  ['\\sqrt[3]{2}', 'a root with an index'],
  ['1+-2', 'a sign after an operator'],
  ['1234567890123456\\pi', 'more than 15 digits'],
  ['\\pix', 'an unknown command'],
  ['2\\cdot 3\\sqrt{2}', 'a \\cdot chain with a juxtaposed product'],
  ['\\frac{1}{2', 'an unclosed group'],
]

describe('fastLatexJson', () => {
  it.each(shapes)('%s is the engine’s %j (%s)', (latex, json) => {
    expect(parseLatexExpr(latex)).toEqual(json)
    expect(fastLatexJson(latex)).toEqual(json)
  })

  it.each(declined)('%s goes to the engine (%s)', (latex) => {
    expect(fastLatexJson(latex)).toBeUndefined()
  })

  it('declines everything when turned off', () => {
    setFastPath(false)
    expect(fastLatexJson('2\\sqrt{3}')).toBeUndefined()
  })
})

// --- generators of the fast forms: signs, spaces, \left/\right, \dfrac/\tfrac, nested braces ---

const space = fc.constantFrom('', '', '', ' ', '  ')
const fracCmd = fc.constantFrom('\\frac', '\\frac', '\\dfrac', '\\tfrac')
const small = fc.integer({ min: 0, max: 60 })
const braced = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, fc.integer({ min: 0, max: 5 })).map(([x, k]) => (k === 0 ? `{${x}}` : k === 1 ? `{{${x}}}` : x))

/**
 * Random expressions of the fast forms, as a model or a dataset writes them: an integer coefficient, then π,
 * radicals and fractions (nested), products, one `/`, sums with signs; spaces, \dfrac/\tfrac, redundant braces.
 */
const expression = fc.letrec<{ atom: string; product: string; sum: string; whole: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant('\\pi'),
    fc.tuple(space, tie('sum')).map(([s, x]) => `\\sqrt${s}{${x}}`),
    fc.tuple(fracCmd, tie('sum'), space, tie('sum')).map(([f, n, s, d]) => `${f}{${n}}${s}{${d}}`),
    braced(tie('atom')),
  ),
  product: fc.oneof(
    { depthSize: 'small' },
    small.map(String),
    tie('atom'),
    fc.tuple(braced(small.map(String)), space, tie('atom')).map((p) => p.join('')),
    fc.tuple(small, tie('atom'), space, tie('atom')).map((p) => p.join('')),
    fc.tuple(tie('atom'), fc.constantFrom('\\cdot ', '\\times ', '\\cdot'), tie('atom')).map((p) => p.join('')),
    fc
      .tuple(fc.option(small), tie('atom'), space, fc.constant('/'), space, small, fc.option(tie('atom')))
      .map((p) => p.map((x) => x ?? '').join('')),
  ),
  sum: fc.oneof(
    { depthSize: 'small' },
    tie('product'),
    fc.tuple(fc.constantFrom('-', '+', '- '), tie('product')).map((p) => p.join('')),
    fc
      .tuple(
        fc.constantFrom('', '-'),
        tie('product'),
        fc.array(fc.tuple(space, fc.constantFrom('+', '-'), space, tie('product')), { minLength: 1, maxLength: 3 }),
      )
      .map(([sign, first, rest]) => `${sign}${first}${rest.map((r) => r.join('')).join('')}`),
  ),
  whole: fc.oneof(tie('sum'), braced(tie('sum'))),
})).whole

describe('fastLatexJson against the engine', () => {
  it('is the engine’s MathJSON whenever it accepts, on thousands of generated expressions', () => {
    // the test means something only if the fast path takes most of these forms
    expect(agreesWithEngine(expression.map(normalizeLatex), false, 3000)).toBeGreaterThan(0.8)
  })

  it('accepts nothing the engine reads differently, on token soup', () => {
    // the edges: integers after factors, digits across spaces, unbalanced groups, parentheses, decimals
    const token = fc.constantFrom(
      '1',
      '2',
      '12',
      '\\pi',
      '\\sqrt',
      '\\frac',
      '{',
      '}',
      '+',
      '-',
      '/',
      ' ',
      '\\cdot',
      '.',
      'x',
      '(',
      ')',
    )
    agreesWithEngine(
      fc.array(token, { minLength: 1, maxLength: 12 }).map((ts) => ts.join('')),
      false,
      3000,
    )
  })
})

// --- wide mode: decimals as factors and words before an answer (`x equals 10.25`), as RL batches hold them ---

describe('fastLatexJson, wide forms', () => {
  const wideShapes: [latex: string, json: unknown, why: string][] = [
    ['x equals 4', ['InvisibleOperator', 'x', 'e', 'q', 'u', 'a', 'l', 's', 4], 'each letter is a symbol'],
    ['x equals 8.00', ['InvisibleOperator', 'x', 'e', 'q', 'u', 'a', 'l', 's', 8], 'a decimal is its value'],
    [
      'x equals 2\\pi/3',
      ['InvisibleOperator', 'x', 'e', 'q', 'u', 'a', 'l', 's', 2, ['Divide', 'Pi', 3]],
      '/ still takes only the factor before it',
    ],
    ['x equals -4', ['Add', ['InvisibleOperator', 'x', 'e', 'q', 'u', 'a', 'l', 's'], ['Negate', 4]], 'a sum'],
    ['2.5\\sqrt{3}', ['InvisibleOperator', 2.5, ['Sqrt', 3]], 'a decimal coefficient'],
    [
      'x^2+34x+289',
      ['Add', ['Power', 'x', 2], ['InvisibleOperator', 34, 'x'], 289],
      'a polynomial: powers, a letter after a number',
    ],
    ['(x-17)^2', ['Power', ['Delimiter', ['Add', 'x', ['Negate', 17]]], 2], 'parentheses are a Delimiter'],
    ['x^23', ['InvisibleOperator', ['Power', 'x', 2], 3], '^ takes one digit'],
  ]
  const wideDeclined: [latex: string, why: string][] = [
    ['x equals 4 5', 'digits across a space (the engine joins them into 45)'],
    ['2e3', 'a letter after a number: the engine reads 2e3 as 2000'],
    ['2 e 3', 'even across spaces'],
    ['Gamma 4', 'capitals (G is the Catalan constant to the engine)'],
    ['x.5', 'a decimal without an integer part'],
    ['1.', 'a point without digits after it'],
    ['1.5.2', 'two points'],
    ['x_1', 'subscripts'],
    ['2xe3', 'an e after a number and a letter'],
    ['x ^2', 'a space before ^'],
    ['x^y', 'a letter exponent'],
    ['(1,2)', 'a comma in parentheses'],
  ]

  it.each(wideShapes)('%s is the engine’s %j (%s)', (latex, json) => {
    expect(parseLatexExpr(latex)).toEqual(json)
    expect(fastLatexJson(latex, true)).toEqual(json)
  })

  it.each(wideDeclined)('%s goes to the engine (%s)', (latex) => {
    expect(fastLatexJson(latex, true)).toBeUndefined()
  })

  const word = fc.stringMatching(/^[a-z]{1,7}$/)
  const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '))
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.stringMatching(/^\d{1,6}$/))
    .map(([i, f]) => `${i}.${f}`)
  /** a fast form with decimals swapped in for some integers, after words or not */
  const wideExpression = fc
    .tuple(
      fc.option(fc.tuple(words, space)),
      expression,
      fc.array(fc.tuple(fc.nat(), decimal), { maxLength: 2 }),
      fc.constantFrom('', '-', ' - ', '+'),
    )
    .map(([pre, e, decs, sign]) => {
      let s = e
      for (const [at, d] of decs) {
        const digits = [...s.matchAll(/\d+/g)]
        const m = digits[at % Math.max(1, digits.length)]
        if (m?.index !== undefined) s = `${s.slice(0, m.index)}${d}${s.slice(m.index + m[0].length)}`
      }
      return pre ? `${pre[0]}${pre[1]}${sign.trim() === '' ? ' ' : sign}${s}` : s
    })

  it('is the engine’s MathJSON whenever it accepts, on generated words, decimals and fast forms', () => {
    // about half: decimals land where the grammar declines (inside other numbers' places, after a factor)
    expect(agreesWithEngine(wideExpression.map(normalizeLatex), true, 3000)).toBeGreaterThan(0.4)
  })

  it('is the engine’s MathJSON whenever it accepts, on generated polynomials', () => {
    const int = fc.integer({ min: 1, max: 400 })
    const coef = fc.oneof(fc.constant(''), int.map(String))
    const variable = fc.constantFrom('x', 'y', 'a', 'r', 't')
    const exp = fc.constantFrom('', '^2', '^3', '^{2}', '^{10}')
    const monomial = fc.tuple(coef, variable, exp).map((p) => p.join(''))
    const binomial = fc
      .tuple(fc.constantFrom('', '-'), variable, fc.constantFrom('+', '-', ' + '), int, exp)
      .map(([s, v, op, n, e]) => `${s}(${v}${op}${n})${e}`)
    const poly = fc
      .array(fc.tuple(fc.constantFrom('+', '-'), fc.oneof(monomial, binomial, int.map(String))), {
        minLength: 1,
        maxLength: 4,
      })
      .map((ts) => ts.map(([op, t], i) => (i === 0 && op === '+' ? t : `${op}${t}`)).join(''))
    expect(agreesWithEngine(poly, true, 2000)).toBeGreaterThan(0.6)
  })

  it('accepts nothing the engine reads differently, on token soup with letters and points', () => {
    const token = fc.constantFrom(
      '1',
      '2',
      '12',
      '0',
      '.',
      '.5',
      '2.5',
      '\\pi',
      '\\sqrt',
      '\\frac',
      '{',
      '}',
      '+',
      '-',
      '/',
      ' ',
      '\\cdot',
      'x',
      'e',
      'i',
      'is',
      'equals',
      'G',
      'E',
      '(',
      ')',
      '_',
      '^',
      "'",
      '^',
      '^2',
      '^{2}',
      'y',
      'd',
      'x^',
    )
    agreesWithEngine(
      fc.array(token, { minLength: 1, maxLength: 12 }).map((ts) => ts.join('')),
      true,
      6000,
    )
  })
})
