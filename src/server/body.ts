/** Reading and validating request bodies: malformed JSON and schema failures become 400s with JSON paths. */
import type { Context } from 'hono'
import type { z } from 'zod'
import { jsonText } from '../runtime/index.js'
import { badRequest, HttpError, zodIssues } from './errors.js'
import { checkDepth } from './nesting.js'

/** Reads the body as JSON (the size limit is enforced before this, by the body-limit middleware). */
export async function readJson(c: Context): Promise<unknown> {
  return parseJson(await readBytes(c))
}

/** The body's bytes (within the size limit, enforced before this by the body-limit middleware). */
export async function readBytes(c: Context): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer())
}

/** A body's bytes as JSON; malformed, empty or nested past `MAX_DEPTH` (nesting.ts) is a 400. */
export function parseJson(bytes: Uint8Array): unknown {
  const text = jsonText(bytes)
  if (text.length === 0) throw new HttpError(400, 'malformed_json', 'the request body is empty; expected JSON')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new HttpError(400, 'malformed_json', `the request body is not valid JSON: ${(e as Error).message}`)
  }
  checkDepth(value)
  return value
}

/** Validates a decoded body against its schema; a failure is a 400 listing every issue with its path. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw badRequest(zodIssues(parsed.error))
  return parsed.data
}

/**
 * Refuses an over-long array before it is validated item by item, so a million-item body costs one JSON parse,
 * not a million schema checks.
 */
export function checkLength(body: unknown, key: string, max: number): void {
  const list = (body as Record<string, unknown> | null)?.[key]
  if (Array.isArray(list) && list.length > max)
    throw new HttpError(
      413,
      'too_many_items',
      `"${key}" has ${list.length} entries, over the limit of ${max} per request (--max-batch); split it`,
    )
}
