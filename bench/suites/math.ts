/**
 * math-equivalent: time per (gold, prediction) pair on a generated mixed corpus, as in GRPO math batches: mostly
 * numbers and fractions in chain-of-thought output, then LaTeX expressions, structures, and a few matrices and
 * complex numbers. The JIT is warmed on one corpus and a second, different one is timed (engine parse cache cold).
 */

import { mathEquivalent } from '../../src/rewards/math/math-equivalent/index.js'
import { type BenchResult, type BenchSuite, quantile } from '../harness.js'

type Pair = readonly [gold: string, pred: string]

function corpus(seed: number, n: number): Pair[] {
  let s = seed
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const cot = (k: number) =>
    Array.from({ length: k }, (_, i) => `Step ${i + 1}: we have $a_${i} = ${int(1, 99)}$ and so on.`).join('\n')
  const wrap = (ans: string) => {
    const r = rnd()
    if (r < 0.5) return `${cot(int(2, 12))}\nTherefore the answer is $\\boxed{${ans}}$.`
    if (r < 0.8) return `${cot(int(1, 6))}\nThe final answer is $${ans}$. I hope it is correct.`
    return `${cot(int(1, 4))}\nAnswer: ${ans}`
  }
  const out: Pair[] = []
  for (let i = 0; i < n; i++) {
    const r = rnd()
    const wrong = rnd() < 0.4
    const a = int(1, 500)
    const b = int(2, 60)
    if (r < 0.35) out.push([String(a), wrap(String(wrong ? a + 1 : a))])
    else if (r < 0.5) out.push([`\\frac{${a}}{${b}}`, wrap(wrong ? `\\frac{${a + 1}}{${b}}` : (a / b).toFixed(6))])
    else if (r < 0.6) out.push([(a / 8).toString(), wrap(`\\frac{${a}}{8}`)])
    else if (r < 0.65) out.push([`${a}\\%`, wrap(wrong ? String(a) : String(a / 100))])
    else if (r < 0.75) out.push([`${a}\\sqrt{${b}}`, wrap(wrong ? `${a}\\sqrt{${b + 1}}` : `\\sqrt{${a * a * b}}`)])
    else if (r < 0.82) out.push([`x^2+${2 * a}x+${a * a}`, wrap(wrong ? `(x-${a})^2` : `(x+${a})^2`)])
    else if (r < 0.87) out.push([`(${a}, ${b}]`, wrap(wrong ? `[${a}, ${b}]` : `(${a},${b}]`)])
    else if (r < 0.91) out.push([`\\{${a}, ${b}\\}`, wrap(`\\{${b}, ${wrong ? a + 1 : a}\\}`)])
    else if (r < 0.94) out.push([`x > ${a}`, wrap(wrong ? `x \\ge ${a}` : `${a} < x`)])
    else if (r < 0.97) out.push([`${a}+${b}i`, wrap(`${b}i+${wrong ? a + 1 : a}`)])
    else
      out.push([
        `\\begin{pmatrix}${a}&${b}\\\\1&0\\end{pmatrix}`,
        wrap(`\\begin{bmatrix}${a}&${b}\\\\1&${wrong ? 1 : 0}\\end{bmatrix}`),
      ])
  }
  return out
}

export const suite: BenchSuite = {
  name: 'math',
  run(): BenchResult[] {
    for (const [g, p] of corpus(1, 600)) mathEquivalent(g, p)
    const pairs = corpus(2, 2000)
    const times: number[] = []
    let equal = 0
    for (const [g, p] of pairs) {
      const t = performance.now()
      if (mathEquivalent(g, p).equal) equal++
      times.push(performance.now() - t)
    }
    times.sort((x, y) => x - y)
    const note = `${pairs.length} pairs, ${equal} equal; p90 ${quantile(times, 0.9).toFixed(3)} ms`
    return [
      { name: 'math-equivalent median / pair', value: quantile(times, 0.5), unit: 'ms', target: '≤ 0.5', note },
      { name: 'math-equivalent p99 / pair', value: quantile(times, 0.99), unit: 'ms' },
    ]
  },
}
