import { describe, expect, it } from 'vitest'
import { nearestKeyframe, readProgress, readVideoReference } from './video-reference.js'

describe('readVideoReference', () => {
  it('normalises names, sorts keyframes and expands the boxes shorthand', () => {
    const ref = readVideoReference({
      span: [0, 4],
      name: 'The Man',
      boxes: { '2': [0, 0, 1, 1], '0.5': [1, 1, 2, 2] },
      keyframes: [{ t: 1, objects: [{ name: ' Dog ', box: [0, 0, 5, 5] }] }],
    })
    expect(ref).toMatchObject({
      span: [0, 4],
      target: 'the man',
      keyframes: [
        { t: 0.5, objects: [{ name: 'the man' }] },
        { t: 1, objects: [{ name: 'dog' }] },
        { t: 2, objects: [{ name: 'the man' }] },
      ],
    })
  })
  it('parses a reference object once', () => {
    const raw = { span: [0, 1] }
    expect(readVideoReference(raw)).toBe(readVideoReference(raw))
  })
  it.each([
    [undefined, 'missing_reference'],
    [[0, 4], 'invalid_reference'], // a bare span is for temporal-iou
    [{ span: [4, 0] }, 'invalid_reference'],
    [{ keyframes: [{ t: 0, objects: [{ name: 'a', box: [5, 5, 1, 1] }] }] }, 'invalid_reference'], // inverted box
    [{ boxes: { soon: [0, 0, 1, 1] } }, 'invalid_reference'],
    [{}, 'invalid_reference'],
  ])('%j → %s', (raw, code) => {
    expect(readVideoReference(raw)).toMatchObject({ code })
  })
})

describe('nearestKeyframe', () => {
  const times = Float64Array.of(0, 2, 10)
  it.each([
    [-5, Number.POSITIVE_INFINITY, 0],
    [1, Number.POSITIVE_INFINITY, 0], // a tie goes to the earlier keyframe
    [1.1, Number.POSITIVE_INFINITY, 1],
    [7, 2, -1], // nearest is 3 s away
    [11, 2, 2],
    [Number.NaN, Number.POSITIVE_INFINITY, -1],
  ])('t = %d within %d → %d', (t, window, k) => {
    expect(nearestKeyframe(times, t, window)).toBe(k)
  })
  it('is -1 without keyframes', () => expect(nearestKeyframe(new Float64Array(), 1)).toBe(-1))
})

describe('readProgress', () => {
  it.each([
    [{ progress: 0.3 }, undefined, undefined, 0.3],
    [{ progress: 7 }, undefined, undefined, 1], // clamped
    [undefined, 50, 200, 0.25],
    [undefined, 50, undefined, undefined], // a step alone says nothing about progress
    [{ progress: 'half' }, undefined, undefined, undefined],
  ])('meta %j, step %j of %j → %j', (meta, step, total, p) => {
    expect(readProgress(meta, step, total)).toBe(p)
  })
})
