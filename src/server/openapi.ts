/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (nothing by hand). */
import { z } from 'zod'
import { GraderSchema, RunRequestSchema, RunResponseSchema, ValidateRequestSchema } from './graders/schema.js'
import { GetRewardRequestSchema, GetRewardResponseSchema } from './schemas/openrlhf.js'
import { ErrorBodySchema, ScoreRequestSchema, ScoreResponseSchema } from './schemas/score.js'

interface Operation {
  method: 'get' | 'post'
  path: string
  summary: string
  request?: z.ZodType
  response?: z.ZodType
  /** media type of a non-JSON answer */
  produces?: string
}

const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/v1/score',
    summary: 'Score a batch of rollouts with an inline spec or the server --spec',
    request: ScoreRequestSchema,
    response: ScoreResponseSchema,
  },
  {
    method: 'post',
    path: '/get_reward',
    summary: "OpenRLHF's remote reward protocol (--reward.remote_url)",
    request: GetRewardRequestSchema,
    response: GetRewardResponseSchema,
  },
  {
    method: 'post',
    path: '/v1/fine_tuning/alpha/graders/run',
    summary: 'Run an OpenAI grader (string_check, text_similarity, multi) or a sightline grader on one sample',
    request: RunRequestSchema,
    response: RunResponseSchema,
  },
  {
    method: 'post',
    path: '/v1/fine_tuning/alpha/graders/validate',
    summary: 'Check that a grader is well formed and runnable here',
    request: ValidateRequestSchema,
    response: z.object({ grader: GraderSchema }),
  },
  { method: 'get', path: '/v1/rewards', summary: 'The registered rewards, as `sightline rewards --json`' },
  { method: 'get', path: '/healthz', summary: 'Liveness; 503 while draining for shutdown' },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', produces: 'text/plain' },
]

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' })
const json = (s: unknown) => ({ 'application/json': { schema: s } })

/** Builds the document; the server computes it once, at setup. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const error = { description: 'error', content: json(schema(ErrorBodySchema, 'output')) }
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {
      200: {
        description: 'ok',
        content: op.produces
          ? { [op.produces]: { schema: { type: 'string' } } }
          : json(op.response ? schema(op.response, 'output') : {}),
      },
    }
    if (op.request) Object.assign(responses, { 400: error, 401: error, 413: error, 503: error })
    paths[op.path] = {
      [op.method]: {
        summary: op.summary,
        ...(op.request ? { requestBody: { required: true, content: json(schema(op.request, 'input')) } } : {}),
        responses,
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sightline reward server', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  }
}
