import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mathEquivalent, parseAnswer } from './math-equivalent.js'
import type { Case } from './table.js'

// Anti-hacking: output built to collect reward without the answer must never be equal.
const cases: Case[] = [
  ['5', '', false, 'an empty prediction'],
  ['5', '   \n  ', false, 'whitespace only'],
  ['5', '$$', false, 'an empty display environment'],
  ['5', '\\boxed{}', false, 'an empty box'],
  ['5', 'I do not know.', false, 'no answer at all'],
  ['5', '$\\frac{1}{$', false, 'truncated LaTeX'],
  ['5', '\\boxed{5', true, 'an unclosed box is not read, but the plain number after it is (reference)'],
  ['5', '\\boxed{5', false, 'without plain numbers the unclosed box gives nothing', { extract: ['latex'] }],
  ['5', '$1, 2, 3, 4, 5$', false, 'a list of candidates does not match one of them'],
  ['5', '$1$ or $5$', false, 'two candidates joined by "or"'],
  ['5', '\\boxed{4} or \\boxed{5}', false, 'two boxes joined by "or"'],
  ['5', '$\\{5, 6\\}$', false, 'a set containing the answer'],
  ['5', '$(5, 5)$', false, 'a tuple of the answer'],
  ['5', '$5 \\pm 1$', false, '± spreads the answer into two'],
  ['5', '$[4, 6]$', false, 'an interval around the answer'],
  ['5', '$x > 4$', false, 'an inequality containing the answer'],
  ['x > 0', '$x \\ge 0$', false, 'a weaker inequality'],
  ['x > 0', '$x \\ne 0$', false, 'another relation'],
  ['(0, \\infty)', '$x > 0$', false, 'a predicted inequality for a gold interval (not allowed by default)'],
  ['\\{1, 2\\}', '$\\{1, 2, 3, 4, 5, 6\\}$', false, 'a superset of the gold set'],
  ['(1, 2)', '$(1, 2) \\cup (2, 3)$', false, 'a union containing the gold'],
  ['7', '$x$', false, 'a bare variable is not a value'],
  ['7', '$7x$', false, 'a value with a free variable'],
  ['7', '$\\infty$', false, 'infinity is not a number'],
  ['7', '$\\text{7 or 8}$', false, 'numbers hidden in text'],
  ['2', '$1+1=3$', false, 'a false equation: the last side is judged'],
  ['\\text{yes}', '$\\text{yes or no}$', false, 'both words'],
  ['x = 5', '$x = 5$ or $x = 6$', false, 'two assignments'],
  ['3', '$\\frac{0}{0}$', false, '0/0 is not a number'],
  ['0', '$\\frac{1}{0}$', false, 'division by zero'],
  ['1', '$0^0$', true, '0^0 is 1 by convention (as SymPy)'],
  // a gold is never read as one of its numbers (it was, when parsing it failed)
  ['\\binom{5}{2}', '$2$', false, 'a binomial is not its last number'],
  ['\\binom{10}{3}', '$3$', false, 'nor C(10, 3)'],
  ['\\dbinom{5}{2}', '$2$', false, 'nor with \\dbinom'],
  ['{5 \\choose 2}', '$2$', false, 'nor with \\choose'],
  ['\\binom{5}{2}', '$5$', false, 'nor its first number'],
  ['\\binom{5}', '$5$', false, 'a \\binom with one group does not parse: no number is guessed'],
  ['\\sqrt{?} 2', '$2$', false, 'an unparseable gold with a number after it'],
  ['\\foo{3}{4}', '$4$', false, 'an unknown command'],
  ['\\sum_{k=1}^{10} k', '$10$', false, 'a sum is not its bound'],
  ['1 and 2', '$1$ and $3$', false, 'a text gold read by extraction still needs its value'],
]

describe('mathEquivalent: anti-hacking', () => {
  it.each(cases)('%s vs %j → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })

  it('gives structured reasons for empty and unparseable sides', () => {
    expect(mathEquivalent('5', '').reason).toBe('unparseable_pred')
    expect(mathEquivalent('', '$5$').reason).toBe('unparseable_gold')
    expect(mathEquivalent('5', '$\\frac{1}{$').reason).toBe('unparseable_pred')
    expect(mathEquivalent('5', '$6$').reason).toBe('not_equal')
    expect(mathEquivalent('5', `$${'x+'.repeat(5000)}x$`).reason).toBe('too_large')
    expect(mathEquivalent('5', `$${'{'.repeat(60)}5${'}'.repeat(60)}$`).reason).toBe('too_large')
  })
})

describe('mathEquivalent: properties', () => {
  it('a LaTeX gold that does not parse never verifies as equal to anything, its own numbers included', () => {
    const n = fc.integer({ min: 0, max: 99 })
    const broken = fc
      .tuple(n, n, fc.constantFrom(0, 1, 2, 3, 4, 5))
      .map(
        ([a, b, form]) =>
          [`\\binom{${a}}`, `\\foo{${a}}{${b}}`, `\\frac{${a}}{`, `\\sqrt{?} ${a}`, `${a}^{${b}`, `\\left( ${a}, ${b}`][
            form
          ] as string,
      )
    const pred = (g: string) => {
      const numbers = fc.constantFrom(...(g.match(/\d+/g) ?? ['0']))
      return fc.oneof(
        numbers.map((d) => `$${d}$`),
        numbers.map((d) => `The answer is ${d}`),
        numbers.map((d) => `\\boxed{${d}}`),
        fc.constant(`$${g}$`),
        fc.string({ maxLength: 30 }),
      )
    }
    fc.assert(
      fc.property(
        broken.chain((g) => fc.tuple(fc.constant(g), pred(g))),
        ([g, p]) => {
          // the precondition: read as one LaTeX answer, it does not parse
          expect(parseAnswer(g, 'bare').candidates.some((c) => c.value)).toBe(false)
          const r = mathEquivalent(g, p)
          return !r.equal && r.reason === 'unparseable_gold'
        },
      ),
      { numRuns: 300 },
    )
  })
  const int = fc.integer({ min: -1_000_000, max: 1_000_000 })
  it('any text never throws and an equal verdict always comes with reason ok', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (g, p) => {
        const r = mathEquivalent(g, p)
        return r.equal === (r.reason === 'ok')
      }),
      { numRuns: 300 },
    )
  })
  it('an integer equals itself in every notation, and never its successor', () => {
    fc.assert(
      fc.property(int, (n) => {
        const s = String(n)
        return (
          mathEquivalent(s, `$${s}$`).equal &&
          mathEquivalent(s, `The answer is ${s}.`).equal &&
          mathEquivalent(s, `\\boxed{${s}}`).equal &&
          mathEquivalent(n, `$\\frac{${2 * n}}{2}$`).equal &&
          !mathEquivalent(s, `$${n + 1}$`).equal
        )
      }),
      { numRuns: 200 },
    )
  })
  it('a fraction equals its decimal rounded to 6 digits, and not to 2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 7, max: 997 }), (a, b) => {
        const v = a / b
        const six = mathEquivalent(`\\frac{${a}}{${b}}`, `$${v.toFixed(6)}$`).equal
        const two =
          Number(v.toFixed(2)) === Number(v.toFixed(6)) ||
          !mathEquivalent(`\\frac{${a}}{${b}}`, `$${v.toFixed(2)}$`).equal
        return six && two
      }),
      { numRuns: 200 },
    )
  })
  it('sets are equal under any permutation, tuples only under strict=false', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 6 }), (xs) => {
        const shuffled = [...xs].reverse()
        const set = (a: number[]) => `\\{${a.join(',')}\\}`
        const tuple = (a: number[]) => `(${a.join(',')})`
        return (
          mathEquivalent(set(xs), `$${set(shuffled)}$`).equal &&
          !mathEquivalent(tuple(xs), `$${tuple(shuffled)}$`).equal &&
          mathEquivalent(tuple(xs), `$${tuple(shuffled)}$`, { strict: false }).equal
        )
      }),
      { numRuns: 100 },
    )
  })
  it('appending a different candidate with "or" never keeps a match', () => {
    fc.assert(
      fc.property(int, int, (a, b) => {
        fc.pre(a !== b)
        return !mathEquivalent(String(a), `$${a}$ or $${b}$`).equal
      }),
      { numRuns: 100 },
    )
  })
})
