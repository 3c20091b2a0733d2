/**
 * Answer and format rewards on one core, with inputs shaped like GRPO rollouts: ~300-character outputs of
 * `<think>` reasoning and a short `<answer>` (a letter, yes/no, a label, a number written the ways models write
 * them), right about half the time, with some hedged, missing or malformed answers mixed in. Each reward is
 * measured through `runReward` (the path the runtime takes), with params parsed once as a spec compile does.
 * Target from the issue: each rule reward ≥ 200k items/s/core. The shared parsers are shown too, without target.
 */
import type { AnyRewardDefinition } from '../../src/core/define-reward.js'
import { runReward } from '../../src/core/run-reward.js'
import type { ScoreItem } from '../../src/core/types.js'
import { answerPack } from '../../src/rewards/answer/pack.js'
import { parseLooseJson } from '../../src/rewards/parsing/json.js'
import { lastNumber } from '../../src/rewards/parsing/numbers.js'
import { type BenchResult, type BenchSuite, throughput } from '../harness.js'

const THINK = (
  'the image shows so I need to check which object is on the left first then compare colors and count ' +
  'them carefully because the question asks about the chart value and the answer must be short'
).split(' ')

let seed = 7
function rnd(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
  return (seed >>> 8) % n
}
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)] as T

/** `<think>…</think>` + `tail`, about 300 characters. */
function output(tail: string): string {
  let think = ''
  while (think.length + tail.length < 280) think += `${pick(THINK)} `
  return `<think>${think.trimEnd()}</think>\n${tail}`
}

const N = 1024
const LETTERS = ['A', 'B', 'C', 'D', 'E']
const LABELS = ['golden retriever', 'tabby cat', 'boeing 747', 'red fox', 'sunflower', 'school bus']

type Case = { id: string; params: unknown; items: ScoreItem[] }

function items(make: () => ScoreItem): ScoreItem[] {
  return Array.from({ length: N }, make)
}

const CASES: Case[] = [
  {
    id: 'format-think-answer',
    params: {},
    items: items(() => ({ response: output(rnd(5) === 0 ? 'B' : `<answer>${pick(LETTERS)}</answer>`) })),
  },
  {
    id: 'format-think-answer',
    params: { variant: 'boxed' },
    items: items(() => ({ response: output(`so the result is \\boxed{\\frac{${rnd(9)}}{${1 + rnd(9)}}}.`) })),
  },
  {
    id: 'mcq',
    params: {},
    items: items(() => {
      const key = pick(LETTERS)
      const said = rnd(2) ? key : pick(LETTERS)
      const tail = pick([said, `(${said})`, `The answer is ${said}.`, `**${said}**`, 'A, B or C'])
      return { response: output(`<answer>${tail}</answer>`), reference: key }
    }),
  },
  {
    id: 'yes-no',
    params: {},
    items: items(() => ({
      response: output(`<answer>${pick(['Yes', 'No', 'yes, there is', 'There is not one.', 'yes or no'])}</answer>`),
      reference: rnd(2) === 0,
    })),
  },
  {
    id: 'exact-match',
    params: {},
    items: items(() => {
      const label = pick(LABELS)
      return { response: output(`<answer>The ${rnd(2) ? label : pick(LABELS)}.</answer>`), reference: [label, 'n/a'] }
    }),
  },
  {
    id: 'numeric',
    params: { relTol: 0.05 },
    items: items(() => {
      const v = rnd(5000) / 10
      const said = rnd(2) ? v : v * 1.2
      const tail = pick([`${said}`, `$${said.toLocaleString('en-US')}`, `${said} %`, `${said} cm`, 'twenty-one'])
      return { response: output(`<answer>${tail}</answer>`), reference: v }
    }),
  },
  {
    id: 'classification',
    params: { match: 'substring' },
    items: items(() => ({
      response: output(`<answer>${pick(LABELS).replace(' ', '_')}</answer>`),
      reference: pick(LABELS),
    })),
  },
  {
    id: 'classification',
    params: {},
    items: items(() => ({ response: output(`<answer>${pick(LABELS)}</answer>`), reference: pick(LABELS) })),
  },
]

const CONTEXT = { services: {} }

export const suite: BenchSuite = {
  name: 'answer',
  run() {
    const byId = new Map<string, AnyRewardDefinition>(answerPack.rewards.map((r) => [r.id, r]))
    const out: BenchResult[] = []
    for (const c of CASES) {
      const def = byId.get(c.id)
      if (!def) throw new Error(`bench answer: no reward ${c.id}`)
      const params = def.params.parse(c.params)
      const name = Object.keys(c.params as object).length ? `${c.id} ${JSON.stringify(c.params)}` : c.id
      const value = throughput(c.items, (item) => runReward(def, params, item, CONTEXT))
      out.push({ name, value, unit: 'items/s/core', target: '≥ 200000', note: '~300-char outputs' })
    }
    const texts = CASES.flatMap((c) => c.items.map((i) => i.response))
    out.push({ name: 'parsing: lastNumber', value: throughput(texts, (t) => lastNumber(t)), unit: 'items/s/core' })
    const json = Array.from({ length: N }, () =>
      output(
        `\`\`\`json\n[${Array.from({ length: 1 + rnd(3) }, () => `{"bbox_2d": [${rnd(500)}, ${rnd(500)}, ${500 + rnd(500)}, ${500 + rnd(500)}], "label": "${pick(LABELS)}"}`).join(', ')}${rnd(4) === 0 ? ', {"bbox_2d": [1' : ']'}\n\`\`\``,
      ),
    )
    out.push({
      name: 'parsing: parseLooseJson',
      value: throughput(json, (t) => parseLooseJson(t)),
      unit: 'items/s/core',
    })
    return out
  },
}
