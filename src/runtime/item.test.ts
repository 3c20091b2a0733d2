import { describe, expect, it } from 'vitest'
import { toScoreItem } from './item.js'

describe('toScoreItem', () => {
  it.each([
    // the smallest item
    [{ response: '' }, { item: { response: '' } }],
    // Python writers: None for absent fields, integer ids and groups
    [
      { response: 'a', id: 7, group: 3, reference: null, images: null },
      { item: { response: 'a', id: '7', group: '3' } },
    ],
    // unknown fields are kept (rewards may read them through meta, the store keeps them)
    [{ response: 'a', extra: 1 }, { item: { response: 'a', extra: 1 } }],
  ])('accepts %j', (value, expected) => {
    expect(toScoreItem(value)).toEqual(expected)
  })

  it.each([
    [{}, 'response: missing; expected the model output as a string'],
    [{ response: ['a'] }, 'response: expected a string, got an array'],
    [{ response: 1 }, 'response: expected a string, got number'],
    ['text', 'expected a JSON object with a string "response", got a string'],
    [null, 'expected a JSON object with a string "response", got null'],
    [{ response: '', task: 1 }, 'task: expected a string'],
    [{ response: '', step: 'x' }, 'step: expected a number'],
    [{ response: '', meta: [] }, 'meta: expected an object'],
    [{ response: '', id: {} }, 'id: expected a string or a number'],
    [{ response: '', prompt: [{ content: 'x' }] }, 'prompt[0]: expected {"role": ..., "content": ...}'],
    [{ response: '', images: [{ width: '640' }] }, 'images[0].width: expected a number'],
    [{ response: '', images: ['a.png'] }, 'images[0]: expected an object like {"path": "a.png", "width": 640}'],
  ])('rejects %j: %s', (value, problem) => {
    expect(toScoreItem(value)).toEqual({ problem })
  })
})
