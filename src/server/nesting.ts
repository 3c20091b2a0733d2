/**
 * A bound on how deeply a request may nest, checked iteratively before anything recursive sees the value: zod,
 * `JSON.stringify` (the spec cache key, the items sent to the workers) and the YAML parser that compiles specs in
 * the workers all recurse, and a stack overflow in them is a 500, or worse: V8 aborts the whole process when a
 * regexp compiles near the stack limit (as the YAML parser does on ~1,000 nested flow collections). 256 levels
 * is far beyond any real rollout or spec and leaves the YAML parser a wide margin.
 */
import { formatPath } from '../core/index.js'
import { HttpError } from './errors.js'

/** Most containers (arrays and objects) nested inside each other in a request, the body itself included. */
export const MAX_DEPTH = 256

interface Frame {
  value: object
  depth: number
  key: PropertyKey
  parent: Frame | undefined
}

/**
 * The path of the first array or object nested deeper than `max` levels in `value` (which is level 1), or
 * undefined when none is. Iterative: safe on any depth `JSON.parse` can produce.
 * @example deepestPath({ a: [[1]] }, 2) //= ['a', 0]
 */
export function deepestPath(value: unknown, max = MAX_DEPTH): PropertyKey[] | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }]
  // children are pushed last to first, so the first too-deep value in document order is the one reported
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth > max) return pathOf(frame)
    const children = frame.value as Record<string, unknown>
    if (Array.isArray(children)) {
      for (let i = children.length - 1; i >= 0; i--) push(stack, children[i], i, frame)
    } else {
      const keys = Object.keys(children)
      for (let i = keys.length - 1; i >= 0; i--) push(stack, children[keys[i] as string], keys[i] as string, frame)
    }
  }
  return undefined
}

function push(stack: Frame[], child: unknown, key: PropertyKey, parent: Frame): void {
  if (child !== null && typeof child === 'object') stack.push({ value: child, depth: parent.depth + 1, key, parent })
}

function pathOf(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = []
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path.push(f.key)
  return path.reverse()
}

/** The 400 for a value nested too deeply at `path` in the request body; `where` narrows it down (a line). */
export function tooDeep(path: readonly PropertyKey[], where = ''): HttpError {
  const at = formatPath(path) || '(root)'
  const shown = at.length > 100 ? `${at.slice(0, 80)}…` : at // the issue has it whole
  const message = `nested deeper than ${MAX_DEPTH} levels${where}`
  return new HttpError(400, 'too_deep', `invalid request: ${shown}: ${message}; flatten it`, {
    issues: [{ path: formatPath(path), message }],
  })
}

/**
 * Throws `tooDeep` when `value`, found at `at` in the body (so already `at.length` levels down), nests past
 * the bound.
 */
export function checkDepth(value: unknown, at: readonly PropertyKey[] = []): void {
  const deep = deepestPath(value, MAX_DEPTH - at.length)
  if (deep) throw tooDeep([...at, ...deep])
}
