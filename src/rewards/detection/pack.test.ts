import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../core/index.js'
import { detectionPack } from './pack.js'

describe('detectionPack', () => {
  it('registers the five detection rewards with their default components', () => {
    const reg = createRegistry([detectionPack])
    expect(reg.ids).toEqual([
      'detection-criteria',
      'detection-f1',
      'detection-iou-confidence',
      'detection-map',
      'lisa-giou',
    ])
    expect(reg.list().find((m) => m.id === 'detection-map')?.components).toEqual(['ap', 'ap50', 'lengthFactor'])
  })

  it.each([
    ['detection-map', { variant: 'mAP' }, 'variant'], // a typo of the variant fails at compile time
    ['detection-f1', { iouThreshold: 0 }, 'iouThreshold'], // a threshold of 0 would match disjoint boxes
    ['detection-criteria', { switchStep: -1 }, 'switchStep'],
    ['lisa-giou', { coordSpace: 'norm100' }, 'coordSpace'], // not a known space: never guessed
    ['detection-iou-confidence', { mode: 'exact' }, 'mode'],
  ])('%s rejects %j, naming %s', (id, params, key) => {
    const def = detectionPack.rewards.find((d) => d.id === id)
    const r = def?.params.safeParse(params)
    expect(r?.success).toBe(false)
    expect(r?.error?.issues[0]?.path).toEqual([key])
  })
})
