import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileFormula } from './formula.js'

const vars = { a: 0.5, b: 1, name: 1, email: 0 }
const evaluate = (src: string) => compileFormula(src, Object.keys(vars)).evaluate(vars)

describe('calculate_output', () => {
  it.each([
    ['(name + email) / 2', 0.5], // the guide's example
    ['0.5 * a + 0.5 * b', 0.75],
    ['2 ^ 3 ^ 2', 512], // ^ is right-associative
    ['-2 ^ 2', -4], // ^ binds tighter than unary minus
    ['2 ^ -1', 0.5],
    ['min(a, b, 0.2)', 0.2],
    ['max(a)', 0.5],
    ['abs(-a) + floor(1.7) + ceil(0.2)', 2.5],
    ['sqrt(4) * exp(0) + log(1)', 2],
    ['1e-1 * 10', 1],
    ['--a', 0.5],
  ])('%s = %d', (src, expected) => {
    expect(evaluate(src)).toBeCloseTo(expected, 12)
  })

  it.each([
    ['0.5 * a +  0.5 * b)', 'formula_parse_error', 'unexpected ")" at position 18'], // the malformed openapi example
    ['a +', 'formula_parse_error', 'unexpected end'],
    ['a b', 'formula_parse_error', 'unexpected "b"'],
    ['pow(a, 2)', 'formula_parse_error', 'unknown function "pow"'],
    ['sqrt(a, b)', 'formula_parse_error', 'sqrt takes one argument'],
    ['a % 2', 'formula_parse_error', 'unexpected "%"'],
    ['', 'formula_parse_error', 'unexpected end'],
    ['c + a', 'invalid_variable_error', 'unknown variable "c" at position 0; the graders are a, b, name, email'],
  ])('%j fails: %s', (src, kind, message) => {
    try {
      evaluate(src)
      expect.unreachable()
    } catch (e) {
      expect((e as { kind: string }).kind).toBe(kind)
      expect((e as Error).message).toContain(message)
    }
  })

  it('bounds nesting instead of overflowing the stack', () => {
    expect(() => evaluate(`${'('.repeat(5000)}a${')'.repeat(5000)}`)).toThrow(/nested too deeply|longer than/)
  })

  it('agrees with JavaScript on random + - * / expressions over the variables', () => {
    const leaf = fc.constantFrom('a', 'b', '2', '0.25')
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([x, op, y]) => `(${x} ${op} ${y})`),
      ),
    })).e
    fc.assert(
      fc.property(expr, (src) => {
        const js = new Function('a', 'b', `return ${src}`)(vars.a, vars.b) as number
        const ours = evaluate(src)
        return Object.is(js, ours) || Math.abs(js - ours) < 1e-9
      }),
    )
  })
})
