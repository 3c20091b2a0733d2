import { describe, expect, it } from 'vitest'
import { mathEquivalent } from './math-equivalent.js'
import type { Case } from './table.js'

// Expressions (symbolic and numeric checks), complex numbers, degrees, units, text, strict on/off.
const cases: Case[] = [
  ['x^2+2x+1', '$(x+1)^2$', true, 'expanded vs factored'],
  ['x^2+2x+1', '$(x-1)^2$', false, 'a different square'],
  ['x^2-1', '$(x-1)(x+1)$', true, 'difference of squares'],
  ['\\frac{x^2-1}{x-1}', '$x+1$', true, 'equal away from the removable point'],
  ['2x', '$x+x$', true, 'like terms'],
  ['2x', '$x \\cdot 2$', true, 'commuted product'],
  ['2x', '$2y$', false, 'strict: another variable'],
  ['2x', '$2y$', true, 'strict=false: variables match by position', { strict: false }],
  ['x+2y', '$a+2b$', true, 'strict=false with two variables in sorted order', { strict: false }],
  ['x+2y', '$x+2z$', false, 'strict: one variable renamed'],
  ['\\sin^2 x + \\cos^2 x', '$1$', true, 'a trig identity'],
  ['\\sin(2x)', '$2\\sin x \\cos x$', true, 'double angle'],
  ['\\sin(2x)', '$2\\sin x$', false, 'not an identity'],
  ['\\frac{1}{x}+\\frac{1}{y}', '$\\frac{x+y}{xy}$', true, 'adding fractions'],
  ['e^{\\ln x}', '$x$', true, 'exp and log cancel'],
  ['\\sqrt{x^2}', '$x$', false, 'not for negative x: √(x²) is |x|'],
  ['\\sqrt{x^2}', '$|x|$', true, '√(x²) is |x|'],
  ['\\ln(x^2)', '$2\\ln x$', false, 'differs for negative x (branch)'],
  ['(x+1)^{10}', '$(1+x)^{10}$', true, 'a high power, commuted'],
  ['(x+1)^{10}', '$(1+x)^{9}$', false, 'a power off by one'],
  ['\\pi r^2', '$r^2\\pi$', true, 'a formula with a constant'],
  ['\\frac{a}{b}', '$a/b$', true, 'slash vs frac with variables'],
  ['\\frac{a}{b}', '$\\frac{b}{a}$', false, 'the inverse'],
  ['2\\sqrt{3}', '$\\sqrt{12}$', true, 'simplified radical'],
  ['2\\sqrt{3}', '$3\\sqrt{2}$', false, 'swapped radical'],
  ['\\frac{\\sqrt{3}}{3}', '$\\frac{1}{\\sqrt{3}}$', true, 'rationalised'],
  ['\\frac{5\\sqrt{2}}{2}', '$\\frac{5}{\\sqrt{2}}$', true, 'rationalised with a coefficient'],
  ['\\log_{10} 100', '$2$', true, 'base-10 logarithm'],
  ['\\ln(e^2)', '$2$', true, 'natural logarithm'],
  ['\\arctan 1', '$\\frac{\\pi}{4}$', true, 'inverse trig'],
  ['\\cos \\pi', '$-1$', true, 'cosine of pi'],
  ['|{-5}|', '$5$', true, 'absolute value'],
  ['\\lfloor 2.5 \\rfloor', '$2$', true, 'floor'],
  ['x^{\\frac{1}{2}}', '$\\sqrt{x}$', true, 'fractional power'],
  ['ab', '$ba$', true, 'a product of symbols commutes'],
  ['abc', '$cba$', false, 'three letters or more read as a word, never a product (prose must not score)'],
  ['\\alpha + \\beta', '$\\beta + \\alpha$', true, 'greek letters'],
  ['\\alpha + \\beta', '$α + β$', true, 'unicode greek letters are normalised'],
  // complex numbers
  ['3+4i', '$4i+3$', true, 'a complex number commuted'],
  ['3+4i', '$3-4i$', false, 'the conjugate'],
  ['\\frac{1}{1+i}', '$\\frac{1-i}{2}$', true, 'complex division'],
  ['i', '$\\mathrm{i}$', true, 'the upright imaginary unit'],
  ['-1', '$i^2$', true, 'i squared'],
  ['-1', '$e^{i\\pi}$', true, 'Euler’s identity'],
  ['2i', '$\\sqrt{-4}$', true, 'a square root of a negative number'],
  ['1+i', '$1+1.0000001i$', true, 'complex parts rounded to floatRounding too'],
  ['1+i', '$1+1.000001i$', false, 'a difference at the sixth digit of the imaginary part'],
  // degrees and units
  ['30', '$30^\\circ$', true, 'degrees are dropped (reference normalisation)'],
  ['30^\\circ', '$30$', true, 'on either side'],
  ['30^{\\circ}', '$30°$', true, 'braced degree vs unicode degree'],
  ['45', '$45\\degree$', true, '\\degree command'],
  ['10', '$10\\text{ cm}$', true, 'a unit in \\text is dropped'],
  ['10', '$10 \\text{cm}^2$', true, 'a squared unit'],
  ['10', '$10\\mbox{ meters}$', true, '\\mbox units'],
  ['5', 'so it is 5 cm long', true, 'a plain-text unit after a number'],
  ['10', '$11\\text{ cm}$', false, 'the value still matters with a unit'],
  ['\\$5', '$5$', true, 'currency in a gold'],
  // text answers
  ['\\text{yes}', 'The answer is $\\text{yes}$', true, 'a text answer'],
  ['\\text{yes}', 'The answer is $\\text{no}$', false, 'a different word'],
  ['\\text{(B)}', '$\\text{(B)}$', true, 'a choice letter as text'],
  ['B', '$B$', true, 'a choice letter as a symbol'],
  ['B', '$C$', false, 'another choice letter'],
  ['\\text{east}', 'The answer is $\\text{east}$.', true, 'a word answer'],
  ['\\text{east}', 'The answer is $\\text{e a s t}$.', true, 'whitespace inside text is ignored'],
  ['\\text{apple}', '$a p p l e$', false, 'prose is not an implicit product'],
  // strict
  ['(1,2,3)', '$\\{1,2,3\\}$', false, 'strict: tuple vs set'],
  ['\\{1,2,3\\}', '$(3,2,1)$', true, 'strict=false: set vs tuple', { strict: false }],
  ['f(x)=x^2', '$f(y)=y^2$', true, 'strict=false: a renamed function variable', { strict: false }],
  ['f(x)=x^2', '$f(y)=y^2$', false, 'strict: the variable matters'],
]

describe('mathEquivalent: expressions, complex, units, text, strict', () => {
  it.each(cases)('%s vs %s → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })
})
