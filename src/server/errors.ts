import type { z } from 'zod'
import { ConfigError, type ConfigIssue, formatPath, RewardEngineError } from '../core/index.js'

/** One problem in a request body: the JSON path of what was wrong and what was expected there. */
export type RequestIssue = ConfigIssue

/**
 * The server's one error type: an HTTP status, a stable code and, for bad input, the issues with their paths.
 * Thrown anywhere under a route; `errorBody` renders it as `{error: {code, message, issues?}}`.
 */
export class HttpError extends RewardEngineError {
  readonly status: number
  readonly issues: readonly RequestIssue[] | undefined
  readonly headers: Readonly<Record<string, string>>
  constructor(
    status: number,
    code: string,
    message: string,
    { issues, headers = {} }: { issues?: readonly RequestIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(code, message)
    this.name = 'HttpError'
    this.status = status
    this.issues = issues
    this.headers = headers
  }
}

/** Turns zod issues into request issues, each prefixed by where the validated value sits in the body. */
export function zodIssues(error: z.ZodError, at: readonly PropertyKey[] = []): RequestIssue[] {
  return error.issues.map((i) => ({ path: formatPath([...at, ...(i.path as PropertyKey[])]), message: i.message }))
}

/** A 400 for a body that failed its schema; the message lists the first few issues with their paths. */
export function badRequest(issues: readonly RequestIssue[], code = 'invalid_request'): HttpError {
  const shown = issues.slice(0, 5).map((i) => `${i.path || '(root)'}: ${i.message}`)
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : ''
  return new HttpError(400, code, `invalid request: ${shown.join('; ')}${more}`, { issues })
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: readonly RequestIssue[] }
}

/**
 * The central error mapper: a known error becomes a 4xx (or the HttpError's own status) with a structured body;
 * anything else is a bug, reported through `log` and answered with a 500 that carries no stack and no message.
 */
export function errorBody(
  err: unknown,
  log: (err: unknown) => void,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof HttpError) {
    const error = err.issues ? { code: err.code, message: err.message, issues: err.issues } : errorOf(err)
    return { status: err.status, body: { error }, headers: { ...err.headers } }
  }
  if (err instanceof ConfigError) {
    return { status: 400, body: { error: { code: err.code, message: err.message, issues: err.issues } }, headers: {} }
  }
  if (err instanceof RewardEngineError) return { status: 400, body: { error: errorOf(err) }, headers: {} }
  log(err)
  return { status: 500, body: { error: { code: 'internal_error', message: 'internal server error' } }, headers: {} }
}

const errorOf = (err: RewardEngineError) => ({ code: err.code, message: err.message })
