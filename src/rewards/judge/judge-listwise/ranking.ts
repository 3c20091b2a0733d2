import { parseLooseJson } from '../../parsing/json.js'
import { answerPart } from '../shared/parse.js'

/**
 * A ranking of n candidates, best first, as 0-based indices: a JSON array of 1-based numbers (`[2, 1, 3]`), else
 * the numbers in the `<answer>` block or the reply's last line (`2 > 1 > 3`, `[2] [1] [3]`). Undefined unless it
 * names each of 1..n exactly once.
 * @example parseRanking('<answer>[3] > [1] > [2]</answer>', 3) //= [2, 0, 1]
 */
export function parseRanking(text: string, n: number): number[] | undefined {
  const body = answerPart(text.slice(0, 100_000))
  const json = parseLooseJson(body)?.value
  let nums: number[] | undefined
  if (Array.isArray(json) && json.every((v) => typeof v === 'number')) nums = json as number[]
  else {
    const lines = body.trim().split('\n')
    const last = (lines[lines.length - 1] ?? '').slice(0, 2000)
    nums = [...last.matchAll(/\d+/g)].map((m) => Number(m[0]))
  }
  if (nums.length !== n) return undefined
  const seen = new Array<boolean>(n).fill(false)
  const out: number[] = []
  for (const v of nums) {
    if (!Number.isInteger(v) || v < 1 || v > n || seen[v - 1]) return undefined
    seen[v - 1] = true
    out.push(v - 1)
  }
  return out
}

/**
 * Scores from a ranking (best first): the candidate at position r scores `(n − 1 − r)/(n − 1)`, so the best gets 1
 * and the worst 0.
 * @example rankScores([2, 0, 1]) //= [0.5, 0, 1]
 */
export function rankScores(order: readonly number[]): number[] {
  const n = order.length
  const out = new Array<number>(n).fill(0)
  order.forEach((cand, r) => {
    out[cand] = n > 1 ? (n - 1 - r) / (n - 1) : 1
  })
  return out
}
