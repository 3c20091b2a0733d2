import { describe, expect, it } from 'vitest'
import { checkDepth, deepestPath, MAX_DEPTH } from './nesting.js'

/** `[[…[leaf]…]]`, n arrays */
const nest = (n: number, leaf: unknown = 1): unknown => {
  let v = leaf
  for (let i = 0; i < n; i++) v = [v]
  return v
}

describe('deepestPath', () => {
  it.each([
    [1, 1, undefined],
    [{}, 1, undefined],
    [{ a: [[1]] }, 3, undefined],
    [{ a: [[1]] }, 2, ['a', 0]],
    [{ a: 1, b: { c: [{}] } }, 3, ['b', 'c', 0]],
    [[0, [1], [2, [3]]], 2, [2, 1]], // the first too-deep value in document order
    [{ x: [[[]]], y: [[[]]] }, 3, ['x', 0, 0]],
  ])('%j within %d levels → %j', (value, max, path) => {
    expect(deepestPath(value, max)).toEqual(path)
  })

  it('takes any depth JSON.parse gives, without recursion', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    expect(deepestPath(JSON.parse(text))).toHaveLength(MAX_DEPTH)
  })

  it('checkDepth counts the levels above the value and throws a 400 too_deep with the whole path', () => {
    expect(() => checkDepth(nest(MAX_DEPTH))).not.toThrow()
    expect(() => checkDepth(nest(MAX_DEPTH - 2), ['labels', 0])).not.toThrow()
    let error: unknown
    try {
      checkDepth(nest(MAX_DEPTH - 1), ['labels', 0])
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({
      status: 400,
      code: 'too_deep',
      issues: [{ path: `labels[0]${'[0]'.repeat(MAX_DEPTH - 2)}`, message: `nested deeper than ${MAX_DEPTH} levels` }],
    })
  })
})
