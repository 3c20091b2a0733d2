import { describe, expect, it } from 'vitest'
import { mathEquivalent } from './math-equivalent.js'
import type { Case } from './table.js'

// Sets, tuples, intervals, unions, matrices, relations, chains, equations, ±, infinity.
const cases: Case[] = [
  // sets and lists
  ['\\{1,2\\}', '$\\{2,1\\}$', true, 'sets ignore order'],
  ['\\{1,2\\}', '$\\{1,2,3\\}$', false, 'an extra element'],
  ['\\{1,2,3\\}', '$\\{1,2\\}$', false, 'a missing element'],
  ['\\{1,2\\}', '$\\{1,1,2\\}$', true, 'repeated elements of a set'],
  ['\\{\\frac12, 3\\}', '$\\{3, 0.5\\}$', true, 'set elements compared as values'],
  ['1, 2', '$2, 1$', true, 'a bare list is a set (the reference reads it as FiniteSet)'],
  ['1, 2', '$1$ and $2$', true, 'answers joined by "and" form one set'],
  ['1, 2', '$2$ or $1$', true, 'answers joined by "or"'],
  [
    '3, 4',
    'The roots are $x = 3$, $x = 4$',
    false,
    'a list of equations is not a list of values (not unwrapped inside sets)',
  ],
  ['\\emptyset', '$\\varnothing$', true, 'the empty set, two spellings'],
  ['\\emptyset', '$\\{\\}$', true, 'empty braces'],
  ['\\emptyset', '$\\{0\\}$', false, 'the set of zero is not empty'],
  ['\\{1\\}', '$1$', false, 'a singleton set is not its element'],
  // tuples
  ['(1,2)', '$(1,2)$', true, 'identical pairs'],
  ['(1,2)', '$(2,1)$', false, 'order matters for tuples (strict)'],
  ['(1,2)', '$(2,1)$', true, 'strict=false: tuples compared in any order', { strict: false }],
  ['(1,2,3)', '$(1,2,3)$', true, 'triples'],
  ['(1,2,3)', '$(1,3,2)$', false, 'a triple out of order'],
  ['(1,2,3)', '$(1,2)$', false, 'different lengths'],
  ['(\\frac{1}{2}, -3)', '$(0.5, -3)$', true, 'tuple elements as values'],
  ['(1,2)', '$\\{1,2\\}$', false, 'strict: a tuple is not a set'],
  ['(1,2,3)', '$\\{3,2,1\\}$', true, 'strict=false: sets ≈ tuples', { strict: false }],
  ['(2, 3)', 'The point is $(2, 3)$.', true, 'a point in prose'],
  // intervals
  ['[1,2)', '$[1,2)$', true, 'half-open intervals'],
  ['[1,2)', '$[1,2]$', false, 'a closed end differs from an open one'],
  ['[1,2)', '$(1,2)$', false, 'an open start differs from a closed one'],
  ['(1,2)', '$(1,2)$', true, 'an open interval written as a pair'],
  ['[0, \\infty)', '$[0,\\infty)$', true, 'an unbounded interval'],
  ['(-\\infty, 3]', '$(-\\infty,3]$', true, 'unbounded below'],
  ['(-\\infty, 3]', '$(-\\infty,3)$', false, 'the end 3 open vs closed'],
  ['[\\frac{1}{2}, 1]', '$[0.5, 1]$', true, 'interval ends as values'],
  ['(1,2) \\cup (3,4)', '$(3,4)\\cup(1,2)$', true, 'unions ignore order'],
  ['(1,2) \\cup (3,4)', '$(1,2)\\cup(3,5)$', false, 'one part differs'],
  ['(-\\infty, 0) \\cup (0, \\infty)', '$(-\\infty,0)\\cup(0,\\infty)$', true, 'ℝ without zero'],
  ['(1,2) \\cup (3,4)', '$(1,2)$', false, 'a union is not one of its parts'],
  // relations and chains
  ['x > 0', '$0 < x$', true, 'a relation and its mirror'],
  ['x > 0', '$x > 0$', true, 'the same relation'],
  ['x > 0', '$x \\geq 0$', false, 'anti-hack: ≥ does not match a gold >'],
  ['x \\ge 0', '$x > 0$', false, 'nor > a gold ≥'],
  ['x \\le 3', '$3 \\ge x$', true, '≤ mirrored into ≥'],
  ['x \\leq 3', '$x \\leqslant 3$', true, 'spellings of ≤'],
  ['x < 3', '$x - 3 < 0$', true, 'the same inequality through lhs − rhs'],
  ['x < 3', '$3 - x < 0$', false, 'moving sides flips an inequality: this one is x > 3'],
  ['1 < x < 2', '$1 < x < 2$', true, 'a chain'],
  ['1 < x < 2', '$2 > x > 1$', true, 'a chain written backwards'],
  ['1 < x < 2', '$1 < x \\le 2$', false, 'a chain with a different end'],
  ['x \\ne 1', '$x \\neq 1$', true, 'not-equal spellings'],
  ['1 < x < 2', '$(1,2)$', true, 'a gold inequality accepts a predicted interval (reference default)'],
  ['1 \\le x < 2', '$[1,2)$', true, 'the ends of a chain decide the brackets'],
  ['1 \\le x < 2', '$(1,2)$', false, 'a closed end of the gold is not open in the prediction'],
  ['x > 3', '$(3, \\infty)$', true, 'a one-sided inequality is an unbounded interval'],
  ['x \\le 3', '$(-\\infty, 3]$', true, 'a one-sided ≤'],
  ['(1,2)', '$1 < x < 2$', false, 'anti-hack: a gold interval rejects a predicted inequality by default'],
  ['(1,2)', '$1 < x < 2$', true, 'allowed with allowSetRelationComparison', { allowSetRelationComparison: true }],
  ['[3, \\infty)', '$x \\ge 3$', true, 'allowed: one-sided', { allowSetRelationComparison: true }],
  ['[3, \\infty)', '$x > 3$', false, 'allowed, but the ends still count', { allowSetRelationComparison: true }],
  // equations and assignments
  ['x = 1', '$1$', true, 'a gold assignment accepts its value'],
  ['1', '$x = 1$', true, 'a predicted assignment is judged by its value'],
  ['x=1', '$x = 1$', true, 'identical equations'],
  ['y = 2x + 1', '$y = 1 + 2x$', true, 'an equation with the right side rearranged'],
  ['y = 2x + 1', '$2x + 1 = y$', true, 'an equation with sides swapped'],
  ['y = 2x + 1', '$y - 2x = 1$', true, 'an equation moved around (lhs − rhs agree)'],
  ['y = 2x + 1', '$y = 2x + 2$', false, 'a different line'],
  ['101', '$a+2z=2z+a=101$', true, 'a gold number accepts a predicted chain by its last side'],
  ['a+2z=2z+a=101', '$101$', false, 'the reverse is not accepted (gold-first asymmetry)'],
  ['6', '$2 \\cdot 3 = 6$', true, 'a worked computation ending in the value'],
  ['5', '$2 + 2 = 4$', false, 'a worked computation ending elsewhere'],
  ['x = 2', '$y = 2$', false, 'strict: the variable of an equation matters'],
  ['x \\in (1, 2)', '$(1,2)$', true, 'membership unwraps to its set'],
  ['(1,2)', '$x \\in (1,2)$', true, 'a predicted membership unwraps too'],
  // matrices
  [
    '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}',
    '$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$',
    true,
    'identical matrices',
  ],
  ['\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '$\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}$', true, 'pmatrix ≡ bmatrix'],
  ['\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '$\\begin{pmatrix}1&3\\\\2&4\\end{pmatrix}$', false, 'the transpose'],
  [
    '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}',
    '$\\begin{pmatrix}1&2&3\\\\4&5&6\\end{pmatrix}$',
    false,
    'shapes differ',
  ],
  [
    '\\begin{pmatrix}\\frac12\\\\2\\end{pmatrix}',
    '$\\begin{pmatrix}0.5\\\\2\\end{pmatrix}$',
    true,
    'a column vector, elements as values',
  ],
  [
    '\\begin{pmatrix}1&0\\\\0&1\\end{pmatrix}',
    '$\\begin{pmatrix}1&0\\\\0&1\\\\\\end{pmatrix}$',
    true,
    'a trailing row break',
  ],
  // ± and infinity
  ['\\pm 2', '$2, -2$', true, '± is the set of both signs'],
  ['\\pm 2', '$-2, 2$', true, 'in any order'],
  ['\\pm 2', '$2$', false, 'one of the two signs is not the answer'],
  ['1 \\pm \\sqrt{2}', '$1+\\sqrt2, 1-\\sqrt2$', true, '± in a sum'],
  ['x = \\pm 3', '$3, -3$', true, 'an assignment of ±'],
  ['\\infty', '$\\infty$', true, 'infinity'],
  ['\\infty', '$+\\infty$', true, 'explicitly positive infinity'],
  ['-\\infty', '$\\infty$', false, 'opposite infinities'],
  ['\\infty', 'the limit is ∞', false, 'a unicode ∞ outside math delimiters is not extracted'],
  ['\\infty', 'the limit is $∞$', true, 'a unicode ∞ inside math'],
  ['\\infty', '$10^{10^{10^{10}}}$', false, 'an overflow is not infinity'],
]

describe('mathEquivalent: structures', () => {
  it.each(cases)('%s vs %s → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })
})
