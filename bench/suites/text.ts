/**
 * Text rewards on ~300-character outputs, one core. Targets from the issue: each rule reward ≥ 200k items/s,
 * BLEU/ROUGE (and SATORI's caption reward, which runs both) ≥ 50k. The grader metrics have no target; they are
 * shown for the server's `text_similarity` endpoint.
 */
import type { AnyRewardDefinition } from '../../src/core/define-reward.js'
import { runReward } from '../../src/core/run-reward.js'
import type { ScoreItem } from '../../src/core/types.js'
import { fuzzyMatch, gleu, meteor } from '../../src/rewards/text/metrics/index.js'
import { textPack } from '../../src/rewards/text/pack.js'
import { type BenchResult, type BenchSuite, throughput } from '../harness.js'

const WORDS = (
  'the a cat dogs running ran sits on mat red blue large small image shows person holding umbrella street ' +
  'building window car parked near tree sky clouds bright sunny day two three people walking crossing road ' +
  'sign says stop left right top bottom corner text reads open closed store price dollars answer is yes no'
).split(' ')

/** Deterministic pseudo-random text of about `chars` characters. */
function text(seed: number, chars: number): string {
  let s = seed
  const out: string[] = []
  let len = 0
  while (len < chars) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const w = WORDS[s % WORDS.length] as string
    out.push(w)
    len += w.length + 1
  }
  return out.join(' ')
}

const N = 64
/** Reasoning plus a long answer: captions, OCR transcripts, free-form text (BLEU, ROUGE, WER, CER). */
const longItems: ScoreItem[] = Array.from({ length: N }, (_, i) => {
  const answer = text(i + 1, 280)
  return {
    response: `<caption>${text(i + 7, 120)}</caption><answer>${answer}</answer>`,
    reference: i % 2 ? text(i + 1000, 280) : [text(i + 1000, 280), answer.slice(0, 200)],
    meta: { tokens: 15000 + i * 100, correct: i % 3 === 0 },
  }
})
/** Reasoning plus a short answer, as DocVQA, VQAv2 and SQuAD answers are (ANLS, VQA accuracy, token F1). */
const shortItems: ScoreItem[] = Array.from({ length: N }, (_, i) => {
  const answer = text(i + 1, 16)
  return {
    response: `<think>${text(i + 3, 260)}</think><answer>${answer}</answer>`,
    reference: Array.from({ length: 10 }, (_, k) => (k < i % 5 ? answer : text(i + 50 + k, 16))),
    meta: { tokens: 300 + i, correct: i % 3 === 0 },
  }
})
const SHORT = new Set(['anls', 'levenshtein-ratio', 'token-f1', 'vqa-accuracy', 'cosine-length'])

const TARGETS: Record<string, string> = { bleu: '≥ 50000', rouge: '≥ 50000', 'satori-caption': '≥ 50000' }

/**
 * The share of one core this process got while measuring: on a shared, loaded machine the wall-clock figure
 * understates per-core speed by about this factor (the process's CPU time includes V8's helper threads, so it
 * is an upper bound on the correction).
 */
function cpuShare(cpu0: NodeJS.CpuUsage, wall0: number): string {
  const cpu = process.cpuUsage(cpu0)
  const share = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0)
  return `got ${(share * 100).toFixed(0)}% of a core`
}

function rewardRow(def: AnyRewardDefinition, label = def.id, raw: unknown = {}): BenchResult {
  const params = def.params.parse(raw)
  const ctx = { services: {} }
  const short = SHORT.has(def.id)
  const items = short ? shortItems : longItems
  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  const perSec = throughput(items, (item) => runReward(def, params, item, ctx), 1000)
  const note = `${short ? 'short answer' : '280-char answer'}; ${cpuShare(cpu0, wall0)}`
  return { name: label, value: perSec, unit: 'items/s/core', target: TARGETS[def.id] ?? '≥ 200000', note }
}

export const suite: BenchSuite = {
  name: 'text',
  run() {
    const rows = textPack.rewards.map((def) => rewardRow(def))
    const rouge = textPack.rewards.find((d) => d.id === 'rouge')
    if (rouge) rows.push(rewardRow(rouge, 'rouge (1-2-l mean)', { variant: 'rouge-1-2-l-mean' }))
    const pairs = longItems.map((_, i) => [text(i + 77, 280), text(i + 78, 280)])
    for (const [name, fn] of [
      ['grader: fuzzy_match', fuzzyMatch],
      ['grader: gleu', gleu],
      ['grader: meteor', meteor],
    ] as const) {
      rows.push({
        name,
        value: throughput(pairs, ([a, b]) => fn(a as string, b as string), 1000),
        unit: 'pairs/s/core',
      })
    }
    return rows
  },
}
