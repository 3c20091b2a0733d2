import { pyRound } from '../shared/py-round.js'

/**
 * Pref-GRPO win rates from pairwise points: `points[k]` is what the first of pair k gets (1 win, 0 loss, .5 tie),
 * pairs in the order `pairsOf(n)` gives (i < j, row by row); the second gets `1 − points[k]`.
 * `win_i = wins_i / (n − 1)`, rounded to 3 decimals as the reference does: Python's `round(w, 3)`, halves to even
 * on the exact binary value (`pyRound`), so G = 9 with one tie and no wins gives .062, not .063.
 * @see https://github.com/CodeGoat24/Pref-GRPO fastvideo/rewards/unifiedreward_think.py; rewards.md §8e
 * @example winRates(4, [1, 0, 1, 0.5, 1, 1]) //= [0.667, 0.5, 0.833, 0]
 */
export function winRates(n: number, points: readonly number[]): number[] {
  const wins = new Array<number>(n).fill(0)
  let k = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++, k++) {
      const p = points[k] ?? 0.5
      wins[i] = (wins[i] as number) + p
      wins[j] = (wins[j] as number) + (1 - p)
    }
  return wins.map((w) => (n > 1 ? pyRound(w / (n - 1), 3) : 0))
}

/** All unordered pairs (i < j) of n items, row by row: the order Pref-GRPO sends them in. */
export function pairsOf(n: number): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j])
  return out
}
