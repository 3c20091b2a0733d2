/**
 * Grounding rewards on realistic outputs (a ~300-character <think> block, then the answer), per second of one
 * core's CPU time. Target from the issue: `box-iou` ≥ 300k items/s/core. Box rewards run on the costliest space, `pixel-resized` without
 * `inputWidth`, so every item pays for a smart_resize; parsers are timed per format on their answer alone.
 */
import type { AnyRewardDefinition } from '../../src/core/define-reward.js'
import { runReward } from '../../src/core/run-reward.js'
import type { ScoreItem } from '../../src/core/types.js'
import { type CoordFormat, parseShapes } from '../../src/rewards/coords/index.js'
import { groundingPack } from '../../src/rewards/grounding/pack.js'
import { type BenchResult, type BenchSuite, throughput } from '../harness.js'

const N = 64
const THINK = 'The user asks for the red umbrella held by the person near the left edge of the street. '.repeat(4)

/** Deterministic pseudo-random integer in [0, n). */
function rand(seed: number, n: number): number {
  return (Math.imul(seed + 1, 2654435761) >>> 7) % n
}

function boxItem(i: number, answer: (b: number[]) => string, meta: Record<string, unknown> = {}): ScoreItem {
  const width = 640 + rand(i, 1280)
  const height = 480 + rand(i + 99, 720)
  const x = rand(i + 3, width - 200)
  const y = rand(i + 5, height - 200)
  const gt = [x, y, x + 50 + rand(i + 7, 150), y + 50 + rand(i + 11, 150)]
  const pred = gt.map((v, k) => Math.max(0, v + rand(i + 13 + k, 21) - 10))
  return {
    response: `<think>${THINK}</think><answer>${answer(pred)}</answer>`,
    reference: gt,
    images: [{ width, height }],
    meta,
  }
}

const plainItems = Array.from({ length: N }, (_, i) => boxItem(i, (b) => `[${b.join(', ')}]`))
const pointItems = Array.from({ length: N }, (_, i) =>
  boxItem(
    i,
    (b) => `pyautogui.click(x=${((b[0]! + b[2]!) / 2000).toFixed(3)}, y=${((b[1]! + b[3]!) / 2000).toFixed(3)})`,
  ),
)
const gaussianItems = plainItems.map((item) => ({ ...item, response: String(item.response.match(/\[[^\]]*\]/)?.[0]) }))
const satoriItems = Array.from({ length: N }, (_, i) => {
  const item = boxItem(i, () => '')
  const b = item.reference as number[]
  return {
    ...item,
    response: `<caption>${THINK}</caption><bbox>[[${b.join(', ')}], [${b.map((v) => v + 20).join(', ')}]]</bbox><answer>red</answer>`,
  }
})
const countItems = Array.from({ length: N }, (_, i) => ({
  response: `<think>${THINK}</think><answer>${i % 2 ? String(i % 13) : ['zero', 'one', 'two', 'three', 'four', 'five', 'six'][i % 7]}</answer>`,
  reference: i % 13,
}))
const vqaItems = Array.from({ length: N }, (_, i) => ({
  response: `<answer>answer ${i % 5}</answer>`,
  reference: ['answer 1', 'answer 2'],
}))

function rewardRow(
  id: string,
  items: ScoreItem[],
  raw: Record<string, unknown>,
  label: string,
  target?: string,
): BenchResult {
  const def = groundingPack.rewards.find((d) => d.id === id) as AnyRewardDefinition
  const params = def.params.parse(raw)
  const ctx = { services: {} }
  const value = throughput(items, (item) => runReward(def, params, item, ctx), target ? 1000 : 500)
  return { name: label, value, unit: 'items/s/core', ...(target ? { target } : {}), note: '~400-char output' }
}

const FORMAT_SAMPLES: [CoordFormat, string][] = [
  ['plain', 'The box is [120, 245, 388, 410].'],
  ['qwen-json', '```json\n[{"bbox_2d": [120, 245, 388, 410], "label": "umbrella"}]\n```'],
  ['qwen2-vl', '<|object_ref_start|>umbrella<|object_ref_end|><|box_start|>(120,245),(388,410)<|box_end|>'],
  ['paligemma', '<loc0245><loc0120><loc0410><loc0388> umbrella'],
  ['ui-tars', "Action: click(start_box='<|box_start|>(254,327)<|box_end|>')"],
]

export const suite: BenchSuite = {
  name: 'grounding',
  run() {
    const resized = { coordSpace: 'pixel-resized' }
    const rows = [
      rewardRow('box-iou', plainItems, resized, 'box-iou (fixed, pixel-resized)', '≥ 300000'),
      rewardRow('box-iou', plainItems, { ...resized, mode: 'faithful' }, 'box-iou (faithful)', '≥ 300000'),
      rewardRow('box-iou', plainItems, { coordSpace: 'pixel' }, 'box-iou (fixed, pixel)', '≥ 300000'),
      rewardRow('gui-point-in-box', pointItems, { format: 'aguvis' }, 'gui-point-in-box (aguvis)'),
      rewardRow('gui-gaussian', gaussianItems, resized, 'gui-gaussian'),
      rewardRow('satori-bbox', satoriItems, {}, 'satori-bbox (2 boxes)'),
      rewardRow('satori-vqa', vqaItems, {}, 'satori-vqa'),
      rewardRow('count', countItems, {}, 'count (digits and words)'),
    ]
    for (const [format, text] of FORMAT_SAMPLES) {
      const inputs = [text]
      rows.push({
        name: `parseShapes ${format}`,
        value: throughput(inputs, (t) => parseShapes(t, format), 300),
        unit: 'calls/s/core',
      })
    }
    return rows
  },
}
