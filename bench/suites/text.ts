/**
 * Text rewards on one core, with inputs shaped like GRPO rollouts of the tasks each reward serves:
 * - every output is ~300 characters: `<think>` reasoning, then a short `<answer>` (for SATORI's caption reward,
 *   `<caption>…</caption><bbox>…</bbox><answer>…</answer>`); predictions are edited copies of a reference, so
 *   overlaps are partial as in training;
 * - captions (BLEU, ROUGE, SATORI caption): ~15 words, COCO style, 1 or 4 references;
 * - OCR lines (CER, WER): ~45 characters with digits and punctuation; ANLS and levenshtein-ratio: DocVQA-style
 *   answers of 1–5 words, 1–3 references; VQA accuracy: 10 human answers; token F1: SQuAD-style, 1–3 references;
 * - items come in groups of 8 sharing their references (G = 8), 2,048 groups per pool, built one pool at a time
 *   from flat strings; a pool holds more distinct references than the reference caches keep (4,096 strings), so
 *   each group's first rollout pays for them as in training;
 * - each reward makes one pass over its pool before the timed second, so what is timed is a running server
 *   (JIT, heap sizing, caches), not start-up.
 * Targets from the issue: each rule reward ≥ 200k items/s, BLEU/ROUGE (and SATORI's caption reward, which runs
 * both) ≥ 50k. The grader metrics have no target; they are shown for the server's `text_similarity` endpoint.
 */
import type { AnyRewardDefinition } from '../../src/core/define-reward.js'
import { runReward } from '../../src/core/run-reward.js'
import type { ScoreItem } from '../../src/core/types.js'
import { fuzzyMatch, gleu, meteor } from '../../src/rewards/text/metrics/index.js'
import { textPack } from '../../src/rewards/text/pack.js'
import { benchRollouts } from '../../test/fixtures/mixed-rollouts.js'
import { type BenchResult, type BenchSuite, throughput } from '../harness.js'

const words = (s: string) => s.split(' ')
const THINK = words(
  'the image shows so I need to check which object is on the left first then compare colors and count ' +
    'them carefully because the question asks about the sign text and the answer must be short',
)
const CAPTION = words(
  'a man woman child dog cat red blue white black large small wooden is sitting standing riding walking ' +
    'holding next to near on in of with the street table field bicycle umbrella kitchen plate pizza grass ' +
    'parked cars building window sunny day two three people group',
)
const OCR = words(
  'TOTAL SUBTOTAL TAX CASH CHANGE Thank you for shopping at MAIN ST. MARKET Receipt No. Date: 03/14/2024 ' +
    'Invoice $42.18 $7.50 Qty: 2 Item Coffee Milk Bread Eggs (Store #118) Tel: 555-0147 Visit us again!',
)

let seed = 1
function rnd(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
  return (seed >>> 8) % n
}
const pick = (pool: readonly string[], k: number) => Array.from({ length: k }, () => pool[rnd(pool.length)] as string)
/** One flat string, as JSON.parse gives (concatenation would leave a rope, several times larger in memory). */
const flat = (...parts: string[]) => parts.join('')
function caption(): string {
  const s = pick(CAPTION, 12 + rnd(7)).join(' ')
  return flat(s[0]?.toUpperCase() ?? '', s.slice(1), '.')
}
/** A prediction: the reference with about a third of its words replaced. */
const edit = (ref: string, pool: readonly string[]) =>
  words(ref)
    .map((w) => (rnd(3) === 0 ? (pool[rnd(pool.length)] as string) : w))
    .join(' ')
/** An output of about 300 characters: reasoning, then `tail`. */
function output(tail: string): string {
  const think = pick(THINK, 8)
  for (let len = think.join(' ').length; len + tail.length < 280; len += (think.at(-1)?.length ?? 0) + 1)
    think.push(THINK[rnd(THINK.length)] as string)
  return flat('<think>', think.join(' '), '</think>', tail)
}

const GROUP = 8
const GROUPS = 2048
/** `GROUPS` groups of `GROUP` rollouts; `make` returns one group's references and a prediction maker. */
function pool(make: () => { refs: string[]; answer: () => string; tail?: (a: string) => string }): ScoreItem[] {
  const items: ScoreItem[] = []
  for (let g = 0; g < GROUPS; g++) {
    const { refs, answer, tail = (a) => flat('<answer>', a, '</answer>') } = make()
    const reference = refs.length === 1 ? refs[0] : refs
    for (let k = 0; k < GROUP; k++)
      items.push({ response: output(tail(answer())), reference, meta: { tokens: 300 + k, correct: k % 3 === 0 } })
  }
  return items
}

const POOLS = {
  captions: () =>
    pool(() => {
      const refs = Array.from({ length: rnd(2) ? 1 : 4 }, caption)
      return { refs, answer: () => edit(refs[0] as string, CAPTION) }
    }),
  satori: () =>
    pool(() => {
      const refs = [caption()]
      return {
        refs,
        answer: () => edit(refs[0] as string, CAPTION),
        tail: (c) => flat('<caption>', c, `</caption><bbox>[[${rnd(500)}, 40, 388, 301]]</bbox><answer>B</answer>`),
      }
    }),
  ocrLines: () =>
    pool(() => {
      const refs = [pick(OCR, 6 + rnd(3)).join(' ')]
      return { refs, answer: () => edit(refs[0] as string, OCR) }
    }),
  docvqa: () =>
    pool(() => {
      const refs = Array.from({ length: 1 + rnd(3) }, () => pick(OCR, 1 + rnd(5)).join(' '))
      return { refs, answer: () => (rnd(2) ? (refs[rnd(refs.length)] as string) : edit(refs[0] as string, OCR)) }
    }),
  vqa: () =>
    pool(() => {
      const common = pick(CAPTION, 1 + rnd(2)).join(' ')
      const refs = Array.from({ length: 10 }, () => (rnd(3) ? common : pick(CAPTION, 1 + rnd(2)).join(' ')))
      return { refs, answer: () => (rnd(2) ? common : pick(CAPTION, 1).join(' ')) }
    }),
}
type PoolName = keyof typeof POOLS

/** The pool each reward is measured on, and how to describe it. */
const INPUTS: Record<string, readonly [PoolName, string]> = {
  bleu: ['captions', 'caption, 1 or 4 refs'],
  rouge: ['captions', 'caption, 1 or 4 refs'],
  'satori-caption': ['satori', '<caption> vs 1 ref'],
  cer: ['ocrLines', 'OCR line'],
  wer: ['ocrLines', 'OCR line'],
  anls: ['docvqa', 'DocVQA answer, 1-3 refs'],
  'levenshtein-ratio': ['docvqa', 'DocVQA answer, 1-3 refs'],
  'token-f1': ['docvqa', 'short answer, 1-3 refs'],
  'vqa-accuracy': ['vqa', '10 human answers'],
}

let built: { name: PoolName; items: ScoreItem[] } | undefined
/** The items for a reward id (exported to profile one reward alone); only the last pool built is kept alive. */
export function inputsFor(id: string): readonly [ScoreItem[], string] {
  const [name, note] = INPUTS[id] ?? ['captions', 'whole ~300-char output']
  if (built?.name !== name) built = { name, items: POOLS[name]() }
  return [built.items, note]
}
const TARGETS: Record<string, string> = { bleu: '≥ 50000', rouge: '≥ 50000', 'satori-caption': '≥ 50000' }

function rewardRow(def: AnyRewardDefinition, label = def.id, raw: unknown = {}): BenchResult {
  const params = def.params.parse(raw)
  const ctx = { services: {} }
  const [items, note] = inputsFor(def.id)
  // one pass over the pool first: the JIT, the heap's sizing and the caches reach the state of a running server
  // (the pool still holds more references than the caches keep, so each group's first rollout keeps paying)
  for (const item of items) runReward(def, params, item, ctx)
  const perSec = throughput(items, (item) => runReward(def, params, item, ctx), 1000)
  return { name: label, value: perSec, unit: 'items/s/core', target: TARGETS[def.id] ?? '≥ 200000', note }
}

/**
 * repetition-penalty as the CLI and server benchmarks run it: default params (n = 3, −1) over every whole output
 * of their mix (`benchRollouts`, ≈280 chars of R1-formatted text), strings made flat as JSON.parse leaves them.
 */
function benchMixRepetitionRow(): BenchResult {
  const def = textPack.rewards.find((d) => d.id === 'repetition-penalty')
  if (!def) throw new Error('repetition-penalty is not in the text pack')
  const params = def.params.parse({})
  const ctx = { services: {} }
  const items = JSON.parse(JSON.stringify(benchRollouts(4096))) as ScoreItem[]
  for (const item of items) runReward(def, params, item, ctx)
  const perSec = throughput(items, (item) => runReward(def, params, item, ctx), 1000)
  return {
    name: 'repetition-penalty (bench mix)',
    value: perSec,
    unit: 'items/s/core',
    target: '≥ 200000',
    note: `benchRollouts outputs, n=3: ${(1e6 / perSec).toFixed(2)} µs/item`,
  }
}

export const suite: BenchSuite = {
  name: 'text',
  run() {
    const rows = textPack.rewards.map((def) => rewardRow(def))
    const rouge = textPack.rewards.find((d) => d.id === 'rouge')
    if (rouge) rows.push(rewardRow(rouge, 'rouge (1-2-l mean)', { variant: 'rouge-1-2-l-mean' }))
    built = undefined
    rows.push(benchMixRepetitionRow())
    const pairs = Array.from({ length: 64 }, () => [caption(), caption()] as const)
    for (const [name, fn] of [
      ['grader: fuzzy_match', fuzzyMatch],
      ['grader: gleu', gleu],
      ['grader: meteor', meteor],
    ] as const) {
      rows.push({ name, value: throughput(pairs, ([a, b]) => fn(a, b), 1000), unit: 'pairs/s/core', note: 'captions' })
    }
    return rows
  },
}
