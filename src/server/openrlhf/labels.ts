/**
 * OpenRLHF labels: the `label_key` column of each sample. No image reaches the reward server, so a label carries
 * what the reward needs: a bare ground truth (`"42"`), or a JSON object (as a string or an object) with the task,
 * the reference, the image sizes and meta. Unknown keys are refused, so a typo never scores silently without
 * its reference.
 */
import { z } from 'zod'
import type { ImageRef, ScoreItem } from '../../core/index.js'
import { type RequestIssue, zodIssues } from '../errors.js'
import { checkDepth } from '../nesting.js'
import { ImageRefSchema } from '../schemas/score.js'

const Size = z.union([
  z.tuple([z.number().positive(), z.number().positive()]).describe('[width, height]'),
  z.strictObject({ width: z.number().positive(), height: z.number().positive() }),
])

export const LabelObjectSchema = z
  .strictObject({
    task: z.string().describe('routes to a reward in the spec').optional(),
    data_source: z.string().describe("verl's name for task").optional(),
    reference: z.unknown().optional(),
    ground_truth: z.unknown().describe('same as reference').optional(),
    answer: z.unknown().describe('same as reference').optional(),
    images: z.array(ImageRefSchema).max(256).optional(),
    image_size: Size.describe('the original size of the (first) image').optional(),
    input_size: Size.describe('the size the model saw after resizing').optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
    id: z.union([z.string(), z.number()]).optional(),
    group: z.string().optional(),
    step: z.number().int().optional(),
  })
  .describe('an OpenRLHF label as an object (or the same object JSON-encoded in a string)')

type LabelObject = z.output<typeof LabelObjectSchema>

const sizeOf = (s: z.output<typeof Size>) => (Array.isArray(s) ? { width: s[0], height: s[1] } : s)

function fromObject(label: LabelObject, response: string): ScoreItem {
  const item: ScoreItem = { response }
  const task = label.task ?? label.data_source
  if (task !== undefined) item.task = task
  const reference = label.reference ?? label.ground_truth ?? label.answer
  if (reference !== undefined) item.reference = reference
  let images: ImageRef[] | undefined = label.images as ImageRef[] | undefined
  if (label.image_size || label.input_size) {
    const first: ImageRef = { ...(images?.[0] ?? {}) }
    if (label.image_size) Object.assign(first, sizeOf(label.image_size))
    if (label.input_size) {
      const s = sizeOf(label.input_size)
      first.inputWidth = s.width
      first.inputHeight = s.height
    }
    images = [first, ...(images?.slice(1) ?? [])]
  }
  if (images) item.images = images
  if (label.meta) item.meta = label.meta
  if (label.id !== undefined) item.id = String(label.id)
  if (label.group !== undefined) item.group = label.group
  if (label.step !== undefined) item.step = label.step
  return item
}

/**
 * One label as a ScoreItem for `response`. A string that starts with `{` must be a JSON label object; any other
 * string, number or array is the reference itself. Problems are pushed to `issues` at `labels[index]`; a JSON
 * string nested past the server's bound throws its 400 (`too_deep`).
 */
export function labelItem(label: unknown, response: string, index: number, issues: RequestIssue[]): ScoreItem {
  let value = label
  if (typeof label === 'string') {
    if (!label.trimStart().startsWith('{')) return { response, reference: label }
    try {
      value = JSON.parse(label)
    } catch (e) {
      issues.push({ path: `labels[${index}]`, message: `not valid JSON: ${(e as Error).message}` })
      return { response }
    }
    checkDepth(value, ['labels', index]) // the body's own parse bounded only the string
  }
  if (value === null || value === undefined) return { response }
  if (typeof value !== 'object' || Array.isArray(value)) return { response, reference: value }
  const parsed = LabelObjectSchema.safeParse(value)
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, ['labels', index]))
    return { response }
  }
  return fromObject(parsed.data, response)
}
