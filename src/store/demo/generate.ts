/**
 * Builds the bundled demo run in a store: synthetic scenes drawn with sharp, rollouts over several steps scored by
 * the real demo spec, ingested step by step (so the detectors run as they would on a live run).
 */
import type { ScoreItem } from '../../core/index.js'
import { defaultRegistry } from '../../rewards/packs.js'
import { compileSpec, parseSpecText, scoreItem } from '../../spec/index.js'
import type { IngestRollout, RolloutStore, RunInfo } from '../types.js'
import { DEMO_PROMPTS, DEMO_STEPS, demoGroup } from './rollouts.js'
import { drawScene, type Scene } from './scene.js'

export const DEMO_RUN = 'demo-grounding-grpo'

/** The demo spec: box IoU for `locate`, token F1 for `choice`, plus a format reward when this build has one. */
export function demoSpecText(hasFormat = defaultRegistry().has('format-think-answer')): string {
  return [
    '# the demo run: Qwen2-VL-style boxes (0-1000) scored in original pixels; letters by SQuAD token F1',
    'sum:',
    '  - name: accuracy',
    '    route:',
    '      cases:',
    '        locate: { reward: box-iou, params: { coordSpace: norm1000, answer: tag } }',
    '        choice: { reward: token-f1 }',
    ...(hasFormat ? ['  - name: format', '    reward: format-think-answer', '    weight: 0.5'] : []),
    '',
  ].join('\n')
}

export interface DemoReport {
  run: RunInfo
  rollouts: number
}

/** Writes the demo run into `store` (replacing nothing: returns the existing run when one of that name has data). */
export async function buildDemo(store: RolloutStore, name = DEMO_RUN): Promise<DemoReport> {
  const existing = await store.getRun(name)
  if (existing && existing.rollouts > 0) return { run: existing, rollouts: existing.rollouts }
  const specText = demoSpecText()
  const spec = compileSpec(parseSpecText(specText, 'demo spec'), defaultRegistry(), { source: 'demo spec' })
  const run =
    existing ??
    (await store.createRun({ name, source: 'demo', specText, meta: { note: 'synthetic; judge cost simulated' } }))
  const scenes: Scene[] = []
  for (let p = 0; p < DEMO_PROMPTS; p++) scenes.push(await drawScene(p))
  let total = 0
  for (let step = 0; step < DEMO_STEPS; step++) {
    const batch: IngestRollout[] = []
    for (let p = 0; p < DEMO_PROMPTS; p++) {
      const scene = scenes[p] as Scene
      const image = { width: scene.width, height: scene.height }
      demoGroup(scene, p, step).forEach((d, j) => {
        const item: ScoreItem = {
          id: `s${step}-p${p}-r${j}`,
          task: d.task,
          prompt: d.prompt,
          response: d.response,
          reference: d.reference,
          images: [image],
          meta: { coordSpace: 'norm1000' },
          group: `p${p}`,
          step,
        }
        const result = scoreItem(spec, item, j)
        if (result instanceof Promise) throw new Error('the demo spec must be synchronous')
        batch.push({
          ...item,
          step,
          images: [{ ...image, bytes: scene.png }],
          score: result.score,
          components: result.components,
          valid: result.valid,
          reason: result.reason,
          truncated: d.truncated,
          judgeCost: d.judgeCost,
        })
      })
    }
    await store.ingest(run.id, batch)
    total += batch.length
  }
  return { run: (await store.getRun(run.id)) as RunInfo, rollouts: total }
}
