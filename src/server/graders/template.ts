/**
 * OpenAI grader templates: `{{ namespace.path }}` with namespaces `item` (the dataset row) and `sample`
 * (`output_text`, `output_json`, `output_tools`, `choices`, `output_audio`), and JSON-path-like nesting
 * (`{{sample.output_tools[0].function.name}}`). Scanned with indexOf, no regex over the template.
 * @see https://platform.openai.com/docs/guides/graders
 * @example render('Answer: {{item.answer}}', context('x', { answer: 42 })) //= { text: 'Answer: 42' }
 */
import { deepestPath, MAX_DEPTH } from '../nesting.js'

export type PathKey = string | number
export interface TemplateRef {
  ns: 'item' | 'sample'
  path: readonly PathKey[]
  source: string
}

const SAMPLE_FIELDS = new Set(['output_text', 'output_json', 'output_tools', 'choices', 'output_audio'])
const KEY = /^[A-Za-z0-9_-]+$/

/** What a template is rendered against. `output_json` is parsed once, on first use. */
export interface TemplateContext {
  item: Record<string, unknown>
  sample: { output_text: string; output_tools: unknown[]; choices: unknown[] }
  json: { parsed: boolean; value?: unknown; ok?: boolean; deep?: boolean }
}

export function context(modelSample: string, item: Record<string, unknown> = {}): TemplateContext {
  return { item, sample: { output_text: modelSample, output_tools: [], choices: [] }, json: { parsed: false } }
}

/** Parses `item.a.b[0]`; returns an error message for anything else. */
export function parseRef(expr: string): TemplateRef | string {
  const source = expr.trim()
  const path: PathKey[] = []
  let i = 0
  let part = ''
  const flush = () => {
    if (part === '') return false
    if (!KEY.test(part)) return false
    path.push(part)
    part = ''
    return true
  }
  for (; i < source.length; i++) {
    const ch = source[i] as string
    if (ch === '.') {
      const afterIndex = part === '' && typeof path[path.length - 1] === 'number' && source[i - 1] === ']'
      if (!afterIndex && !flush()) return `bad template "{{${source}}}": expected namespace.name`
    } else if (ch === '[') {
      if (part !== '' && !flush()) return `bad template "{{${source}}}"`
      const close = source.indexOf(']', i)
      const index = close === -1 ? Number.NaN : Number(source.slice(i + 1, close))
      if (!Number.isInteger(index) || index < 0) return `bad template "{{${source}}}": expected [index]`
      path.push(index)
      i = close
    } else part += ch
  }
  if (part !== '' && !flush()) return `bad template "{{${source}}}": expected namespace.name`
  const [ns, ...rest] = path
  if (ns !== 'item' && ns !== 'sample') return `bad template "{{${source}}}": the namespace must be "item" or "sample"`
  if (rest.length === 0) return `bad template "{{${source}}}": name a variable, e.g. {{${ns}.answer}}`
  if (ns === 'sample' && !SAMPLE_FIELDS.has(String(rest[0])))
    return `bad template "{{${source}}}": sample has ${[...SAMPLE_FIELDS].join(', ')}`
  return { ns, path: rest, source }
}

/** Every `{{...}}` in a template, or the first error. */
export function templateRefs(template: string): TemplateRef[] | string {
  const refs: TemplateRef[] = []
  for (let at = template.indexOf('{{'); at !== -1; at = template.indexOf('{{', at)) {
    const end = template.indexOf('}}', at + 2)
    if (end === -1) return `unclosed "{{" at ${at}`
    const ref = parseRef(template.slice(at + 2, end))
    if (typeof ref === 'string') return ref
    refs.push(ref)
    at = end + 2
  }
  return refs
}

export type Resolved = { value: unknown } | { error: 'invalid_variable' | 'sample_parse'; message: string }

export function resolveRef(ref: TemplateRef, ctx: TemplateContext): Resolved {
  let value: unknown
  const [head, ...rest] = ref.path
  if (ref.ns === 'item') value = ctx.item[head as string]
  else if (head === 'output_json') {
    if (!ctx.json.parsed) {
      ctx.json.parsed = true
      try {
        ctx.json.value = JSON.parse(ctx.sample.output_text)
        ctx.json.ok = true
        // nested past the request bound, it would overflow the stack of what reads it: a parse failure too
        ctx.json.deep = deepestPath(ctx.json.value) !== undefined
      } catch {
        ctx.json.ok = false
      }
    }
    if (!ctx.json.ok)
      return { error: 'sample_parse', message: 'the model sample is not valid JSON ({{sample.output_json}})' }
    if (ctx.json.deep)
      return {
        error: 'sample_parse',
        message: `the model sample nests deeper than ${MAX_DEPTH} levels ({{sample.output_json}})`,
      }
    value = ctx.json.value
  } else value = (ctx.sample as Record<string, unknown>)[head as string]
  for (const key of rest) {
    if (value === null || typeof value !== 'object') {
      value = undefined
      break
    }
    value = (value as Record<PathKey, unknown>)[key]
  }
  if (value === undefined) return { error: 'invalid_variable', message: `{{${ref.source}}} is not defined` }
  return { value }
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

/** Renders a template to text; non-string values are written as JSON. */
export function render(
  template: string,
  ctx: TemplateContext,
): { text: string } | Exclude<Resolved, { value: unknown }> {
  let out = ''
  let from = 0
  for (let at = template.indexOf('{{'); at !== -1; at = template.indexOf('{{', from)) {
    const end = template.indexOf('}}', at + 2)
    if (end === -1) break
    const ref = parseRef(template.slice(at + 2, end))
    if (typeof ref === 'string') return { error: 'invalid_variable', message: ref }
    const r = resolveRef(ref, ctx)
    if ('error' in r) return r
    out += template.slice(from, at) + text(r.value)
    from = end + 2
  }
  return { text: out + template.slice(from) }
}

/** Like `render`, but a string that is exactly one template keeps the value's JSON type (boxes stay arrays). */
export function renderValue(value: unknown, ctx: TemplateContext): Resolved {
  if (typeof value !== 'string') return { value }
  const t = value.trim()
  if (t.startsWith('{{') && t.endsWith('}}') && t.indexOf('{{', 2) === -1) {
    const ref = parseRef(t.slice(2, -2))
    if (typeof ref === 'string') return { error: 'invalid_variable', message: ref }
    return resolveRef(ref, ctx)
  }
  const r = render(value, ctx)
  return 'text' in r ? { value: r.text } : r
}
