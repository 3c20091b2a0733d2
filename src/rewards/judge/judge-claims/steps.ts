import { extractTag } from '../../parsing/tags.js'

export type StepSplit = 'lines' | 'sentences'

/**
 * The steps of a response to verify: the `<think>` block when there is one (else the whole response), split into
 * non-empty lines or sentences (`. ! ?` followed by a space or the end), each trimmed; at most `max`.
 * @example splitSteps('<think>A cat.\nTwo dogs.</think><answer>2</answer>', 'lines', 8) //= ['A cat.', 'Two dogs.']
 */
export function splitSteps(response: string, by: StepSplit, max: number): { steps: string[]; dropped: number } {
  const body = extractTag(response, 'think') ?? response
  const steps: string[] = []
  let dropped = 0
  const push = (s: string) => {
    const t = s.trim()
    if (t === '') return
    if (steps.length < max) steps.push(t)
    else dropped++
  }
  if (by === 'lines') {
    let from = 0
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', from)) {
      push(body.slice(from, i))
      from = i + 1
    }
    push(body.slice(from))
    return { steps, dropped }
  }
  let from = 0
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    const end =
      c === '\n' ||
      ((c === '.' || c === '!' || c === '?') && (i + 1 === body.length || /\s/.test(body[i + 1] as string)))
    if (end) {
      push(body.slice(from, i + 1))
      from = i + 1
    }
  }
  push(body.slice(from))
  return { steps, dropped }
}

export type StepAggregate = 'mean' | 'min' | 'prefix'

/**
 * Folds per-step verdicts (1 right, 0 wrong) into a process reward: `mean` (share verified), `min` (1 only when
 * all are), `prefix` (share of steps before the first wrong one, as process reward models score a trajectory).
 * @example aggregateSteps([1, 1, 0, 1], 'prefix') //= 0.5
 */
export function aggregateSteps(v: readonly number[], how: StepAggregate): number {
  if (v.length === 0) return 0
  if (how === 'min') return Math.min(...v)
  if (how === 'mean') return v.reduce((a, b) => a + b, 0) / v.length
  const k = v.findIndex((x) => x < 1)
  return (k === -1 ? v.length : k) / v.length
}
