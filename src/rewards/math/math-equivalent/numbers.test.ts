import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mathEquivalent } from './math-equivalent.js'
import type { Case } from './table.js'

// Numbers and the fast path: plain values, separators, fractions, percent, rounding.
const cases: Case[] = [
  ['1', '$1$', true, 'the simplest pair'],
  ['1', '$1.0$', true, 'a trailing zero changes nothing'],
  ['1', '$2$', false, 'a different integer'],
  ['-3', '$-3$', true, 'negative integers'],
  ['-3', '$3$', false, 'the sign matters'],
  ['0', '$-0$', true, 'negative zero is zero'],
  [42, 'The answer is 42.', true, 'a numeric reference (item.reference may be a number)'],
  [0.5, '$\\frac{1}{2}$', true, 'numeric reference vs fraction'],
  ['\\frac{1}{2}', '$0.5$', true, 'fraction vs decimal'],
  ['\\frac{1}{2}', '$\\frac{2}{4}$', true, 'unreduced fraction'],
  ['\\frac{1}{2}', '$1/2$', true, 'slash fraction inside LaTeX'],
  ['\\frac{1}{2}', '$\\dfrac{1}{2}$', true, '\\dfrac is normalised to \\frac'],
  ['\\frac{1}{2}', '$\\tfrac12$', true, '\\tfrac with the brace-less shorthand'],
  ['\\frac32', '$1.5$', true, 'gold written with the \\frac32 shorthand'],
  ['\\frac{1}{3}', '$0.333333$', true, 'rounded to floatRounding=6 digits both agree'],
  ['\\frac{1}{3}', '$0.33$', false, 'too few digits: 0.33 rounds to 0.33, not 0.333333'],
  ['\\frac{1}{3}', '$0.3333333333$', true, 'more digits than floatRounding still round to the same'],
  ['\\frac{2}{3}', '$0.666667$', true, 'rounding up at the sixth digit'],
  ['\\frac{2}{3}', '$0.666666$', false, 'truncation is not rounding'],
  ['\\frac{1}{3}', '$0.33$', true, 'floatRounding=2 accepts two digits', { floatRounding: 2 }],
  ['3.14159', '$3.14159$', true, 'identical decimals'],
  ['3.14159', '$3.1416$', false, 'a shorter decimal is a different value at 6 digits'],
  ['3.14159', '$3.1416$', true, 'equal at 4 digits', { floatRounding: 4 }],
  ['1000000', '$10^6$', true, 'a power of ten through the engine'],
  ['1234', '$1,234$', true, 'thousands separator inside LaTeX'],
  ['1234', 'The total is 1,234 apples.', true, 'thousands separator in plain text'],
  ['1234567', 'so 1,234,567 in all', true, 'several thousands groups'],
  ['1234', '$1{,}234$', true, 'the {,} LaTeX thousands separator'],
  ['1234', '$1\\,234$', true, 'a thin space as thousands separator'],
  ['1234', 'The answer is 1 234', true, 'a space thousands separator in plain text (spec: `,` or space)'],
  ['1234567', 'The answer is 1 234 567', true, 'several space-separated groups'],
  ['12345678', 'so 12 345 678 in all', true, 'a first group of two digits'],
  ['1234', 'x = 1 234', true, 'after an equals sign'],
  ['1234.5', 'The answer is 1 234.5', true, 'space groups with a decimal point'],
  ['12', 'The answer is 1 2', false, 'single digits are not groups: `1 2` is not 12'],
  ['345', 'The answer is 3 4 5', false, 'nor `3 4 5` 345'],
  ['12345', 'The answer is 1 2345', false, 'a group of four digits is not a group'],
  ['1234', 'The answer is 1 234 5', false, 'a stray digit after the groups: nothing is merged'],
  ['1', 'The answer is 1, 2', true, 'a list with commas is not merged either'],
  ['1000.99', 'it costs 1000,99 euros', true, 'a decimal comma in plain text'],
  ['0.5', 'about .5 of it', true, 'a leading-dot decimal in plain text'],
  ['5', 'The answer is \\$5.', true, 'an escaped dollar is a currency sign, not math'],
  ['5', 'It costs $5 and that is it', true, 'an unclosed dollar is currency, the number is extracted'],
  ['0.28', '$28\\%$', true, 'percent is a value: 28% is 0.28'],
  ['28\\%', '$0.28$', true, 'a gold percent equals its decimal'],
  ['28\\%', '$28$', false, 'a percent is not its bare number (spec: 28% ≢ 28)'],
  ['25\\%', '$\\frac{1}{4}$', true, 'a percent equals a fraction'],
  ['25%', 'The rate is 25%.', true, 'plain-text percent sign'],
  ['0.25', 'the rate is 25 percent', true, 'the word percent'],
  ['0.25', 'the rate is 25 pct', true, 'the abbreviation pct'],
  ['12.5\\%', '$0.125$', true, 'decimal percent'],
  ['100', '$100.00$', true, 'decimal zeros'],
  ['2.5', '$\\frac{5}{2}$', true, 'decimal gold vs fraction prediction'],
  ['-\\frac{1}{2}', '$-0.5$', true, 'negative fraction'],
  ['\\frac{-1}{2}', '$-\\frac{1}{2}$', true, 'the sign inside or outside the fraction'],
  ['1e3', '$1000$', true, 'scientific notation in a gold'],
  ['6.02 \\times 10^{23}', '$6.02\\times10^{23}$', true, 'scientific notation in LaTeX'],
  ['6.02 \\times 10^{23}', '$6.03\\times10^{23}$', false, 'a relative difference of 0.2% is not equal'],
  ['0.1', '$0.1000001$', true, 'differences beyond floatRounding vanish'],
  ['0.1', '$0.100001$', false, 'a difference at the sixth digit stays'],
  ['7', '$7.000000001$', true, 'near-integer within rounding'],
  ['123456789', '$123456789$', true, 'large integers exactly'],
  ['123456789', '$123456788$', false, 'large integers differing by one'],
  ['3', '$\\sqrt{9}$', true, 'an expression that is an integer'],
  ['2', '$\\sqrt[3]{8}$', true, 'a cube root'],
  ['-2', '$\\sqrt[3]{-8}$', true, 'the real cube root of a negative number'],
  ['3', '$\\log_2 8$', true, 'a logarithm with a base'],
  ['120', '$5!$', true, 'a factorial'],
  ['10', '$\\binom{5}{2}$', true, 'a predicted \\binom is the binomial coefficient (the engine is taught it)'],
  ['0.5', '$\\sin(\\pi/6)$', true, 'a trig value'],
  ['\\frac{\\sqrt{2}}{2}', '$\\frac{1}{\\sqrt{2}}$', true, 'a rationalised denominator'],
  ['\\sqrt{2}', '$1.414214$', true, 'an irrational gold against a rounded decimal'],
  ['\\sqrt{2}', '$1.41$', false, 'too coarse a decimal for floatRounding=6'],
  ['\\pi', '$3.141593$', true, 'pi to six digits'],
  ['\\pi', '$3.14$', false, 'pi to two digits is not pi at 6 digits'],
  ['2\\pi', '$\\pi \\cdot 2$', true, 'commuted product'],
  ['e', '$2.718282$', true, 'Euler’s number is e, not a variable'],
  ['3.5', '$3\\frac{1}{2}$', true, 'a mixed number is its sum'],
  ['1', '$0.\\overline{9}$', true, 'a repeating decimal: 0.(9) is 1'],
  ['\\frac{1}{3}', '$0.\\overline{3}$', true, 'a repeating decimal equals its fraction'],
]

// Binomial coefficients and finite sums: computed, never read as one of their numbers.
const combinatorics: Case[] = [
  ['\\binom{5}{2}', '$10$', true, 'a gold \\binom is the binomial coefficient'],
  ['\\binom{10}{3}', '$120$', true, 'C(10, 3)'],
  ['\\dbinom{5}{2}', '$10$', true, '\\dbinom'],
  ['\\tbinom{5}{2}', '$10$', true, '\\tbinom'],
  ['{5 \\choose 2}', '$10$', true, 'the TeX {n \\choose k}'],
  ['\\binom52', '$10$', true, 'the brace-less shorthand, as \\frac32'],
  ['\\binom{3}{5}', '$0$', true, 'k > n is 0, as SymPy'],
  ['\\binom{30}{15}', '$155117520$', true, 'a large coefficient, exactly'],
  ['\\binom{30}{15}', '$155117521$', false, 'and not its successor'],
  ['\\binom{n}{2}', '$\\frac{n(n-1)}{2}$', true, 'a symbolic n: the polynomial n(n−1)/2'],
  ['\\binom{n}{2}', '$\\frac{n(n+1)}{2}$', false, 'another polynomial'],
  ['2\\binom{4}{2}+1', '$13$', true, 'inside an expression'],
  ['\\sum_{k=1}^{10} k', '55', true, 'a finite sum with numeric bounds'],
  ['\\sum_{k=1}^{10} k', '$10$', false, 'not its upper bound'],
  ['\\sum_{k=1}^{4} k^2', '$30$', true, 'a sum of squares'],
  ['\\prod_{k=1}^{5} k', '$120$', true, 'a finite product'],
  ['\\sum_{k=1}^{n} k', '$\\frac{n(n+1)}{2}$', false, 'a symbolic bound is not decided (left to no CAS: too slow)'],
]

describe('mathEquivalent: binomials and sums', () => {
  it.each(combinatorics)('%s vs %s → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })
})

describe('mathEquivalent: numbers', () => {
  it.each(cases)('%s vs %s → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })
})

/** `1234567` → `1 234 567` */
const spaced = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ' ')

/** C(n, k) by Pascal's rule, exactly (n ≤ 40 stays below 2^53). */
function choose(n: number, k: number): number {
  let row = [1]
  for (let i = 0; i < n; i++) row = [1, ...row.slice(1).map((v, j) => v + (row[j] as number)), 1]
  return row[k] ?? 0
}

describe('mathEquivalent: properties of numbers', () => {
  it('a space-grouped rendering of any integer ≥ 1000 equals the integer, and never its successor', () => {
    fc.assert(
      // up to 14 digits: at numericPrecision 15, 10^15 − 1 and 10^15 are equal (the rule of the reference)
      fc.property(fc.integer({ min: 1000, max: 99_999_999_999_999 }), (n) => {
        const g = spaced(n)
        return (
          mathEquivalent(String(n), `The answer is ${g}.`).equal &&
          mathEquivalent(String(n), `so x = ${g}`).equal &&
          mathEquivalent(String(n), `$${g}$`).equal &&
          !mathEquivalent(String(n + 1), `The answer is ${g}.`).equal
        )
      }),
      { numRuns: 200 },
    )
  })
  it('\\binom{n}{k} in each spelling is C(n, k), and equals its k only when C(n, k) is k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.nat(), fc.constantFrom(0, 1, 2, 3), (n, j, form) => {
        const k = j % (n + 1)
        const c = choose(n, k)
        const gold = [`\\binom{${n}}{${k}}`, `\\dbinom{${n}}{${k}}`, `\\tbinom{${n}}{${k}}`, `{${n} \\choose ${k}}`][
          form
        ]
        return (
          mathEquivalent(gold as string, `\\boxed{${c}}`).equal &&
          mathEquivalent(String(c), `$\\binom{${n}}{${k}}$`).equal &&
          mathEquivalent(gold as string, `$${k}$`).equal === (c === k)
        )
      }),
      { numRuns: 200 },
    )
  })
})
