/**
 * Prompt templates users override through params: `{{name}}` placeholders filled from the item, checked at spec
 * compile time (an unknown name is a config error, not a prompt that silently says "{{respnse}}").
 */
import { z } from 'zod'

/** At most this many placeholders in one template; more is surely a mistake. */
const MAX_PLACEHOLDERS = 256
const MAX_TEMPLATE = 64_000

/**
 * The placeholder names in a template, in order, or a message saying what is wrong with it. `meta.<key>` names a
 * field of `item.meta`.
 * @example templateNames('Q: {{prompt}} A: {{ response }}') //= ['prompt', 'response']
 */
export function templateNames(template: string): string[] | string {
  const names: string[] = []
  let i = template.indexOf('{{')
  while (i !== -1) {
    const end = template.indexOf('}}', i + 2)
    if (end === -1) return `unclosed "{{" at character ${i}`
    const name = template.slice(i + 2, end).trim()
    if (!/^[a-z_][a-z0-9_]*(?:\.[A-Za-z0-9_]+)?$/i.test(name)) return `bad placeholder "{{${name}}}"`
    names.push(name)
    if (names.length > MAX_PLACEHOLDERS) return `more than ${MAX_PLACEHOLDERS} placeholders`
    i = template.indexOf('{{', end + 2)
  }
  return names
}

/**
 * Fills `{{name}}` placeholders from `vars` (names checked beforehand by `templateParam`); `meta.<key>` reads
 * `meta`. A value that is not a string is written as JSON. Linear in the template and the values.
 * @example renderTemplate('Q: {{q}}', { q: 'why?' }) //= 'Q: why?'
 */
export function renderTemplate(
  template: string,
  vars: Readonly<Record<string, string>>,
  meta?: Readonly<Record<string, unknown>>,
): string {
  let out = ''
  let from = 0
  let i = template.indexOf('{{')
  while (i !== -1) {
    const end = template.indexOf('}}', i + 2)
    if (end === -1) break
    const name = template.slice(i + 2, end).trim()
    out += template.slice(from, i)
    if (name.startsWith('meta.')) out += asText(meta?.[name.slice(5)])
    else out += vars[name] ?? ''
    from = end + 2
    i = template.indexOf('{{', from)
  }
  return out + template.slice(from)
}

/** A value as prompt text: strings as they are, anything else as JSON ('' for undefined). */
export function asText(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  try {
    return JSON.stringify(v) ?? ''
  } catch {
    return String(v)
  }
}

/**
 * A template param: a string whose placeholders must be among `names` (or `meta.<key>`), and that uses every
 * name in `required` (a pairwise prompt without both candidates cannot work).
 */
export function templateParam(fallback: string, names: readonly string[], required: readonly string[] = []) {
  const allowed = new Set(names)
  return z
    .string()
    .max(MAX_TEMPLATE)
    .default(fallback)
    .superRefine((t, ctx) => {
      const found = templateNames(t)
      if (typeof found === 'string') {
        ctx.addIssue({ code: 'custom', message: found })
        return
      }
      for (const n of found)
        if (!allowed.has(n) && !n.startsWith('meta.'))
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder {{${n}}}; known: ${names.join(', ')}, meta.<key>`,
          })
      for (const r of required)
        if (!found.includes(r)) ctx.addIssue({ code: 'custom', message: `the template must use {{${r}}}` })
    })
    .describe(`a prompt template; placeholders: ${names.map((n) => `{{${n}}}`).join(' ')} {{meta.<key>}}`)
}
