/**
 * A bound on how deeply a request may nest, checked iteratively before anything recursive sees the value: zod,
 * `JSON.stringify` (the spec cache key, the items sent to the workers) and the YAML parser that compiles specs in
 * the workers all recurse, and a stack overflow in them is a 500, or worse: V8 aborts the whole process when a
 * regexp compiles near the stack limit (as the YAML parser does on ~1,000 nested flow collections). 256 levels
 * is far beyond any real rollout or spec and leaves the YAML parser a wide margin.
 */
import { Lexer } from 'yaml'
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

/**
 * The line (1-based) where YAML or JSON `text` may first nest deeper than `max` levels, or undefined. An upper
 * bound from the YAML lexer's tokens (a state machine, no recursion): the open flow collections, plus on each line
 * its indentation and its block indicators (`- `, `? `, `: `). It may overcount (an indent of two counts two),
 * never undercount, so what it passes the YAML parser can compose without overflowing its stack.
 */
export function yamlTooDeep(text: string, max = MAX_DEPTH): number | undefined {
  let flow = 0
  let block = 0
  let line = 1
  let lineStart = true
  let scalar = false
  for (const token of new Lexer().lex(text)) {
    if (scalar)
      scalar = false // a plain or block scalar's text follows its marker: not structure, whatever it holds
    else if (token === SCALAR) scalar = true
    else if (token === '[' || token === '{') flow++
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1)
    else if (token === '-' || token === '?' || token === ':') block++
    else if (lineStart && token.trim() === '') block += token.length
    lineStart = token === '\n' || token === '\r\n'
    if (lineStart) block = 0
    if (flow + block > max) return line
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) line++
  }
  return undefined
}

/** The lexer's marker before a plain or block scalar's text. */
const SCALAR = '\x1f'
