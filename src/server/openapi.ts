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
  /** it scores items, whose image references the server's --allow-dir / --allow-url policy may refuse (403) */
  scores?: true
  /** answered without the bearer token too */
  open?: true
}

const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/v1/score',
    summary: 'Score a batch of rollouts with an inline spec or the server --spec',
    request: ScoreRequestSchema,
    response: ScoreResponseSchema,
    scores: true,
  },
  {
    method: 'post',
    path: '/get_reward',
    summary: "OpenRLHF's remote reward protocol (--reward.remote_url)",
    request: GetRewardRequestSchema,
    response: GetRewardResponseSchema,
    scores: true,
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
  { method: 'get', path: '/healthz', summary: 'Liveness; 503 while draining for shutdown', open: true },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', produces: 'text/plain' },
]

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' })
const json = (s: unknown) => ({ 'application/json': { schema: s } })

const FORBIDDEN = {
  host: 'bad_host: the Host header is not a loopback name (localhost, 127.0.0.1, [::1])',
  images: 'image_not_allowed: an image reference outside --allow-dir / --allow-url (issues name each one)',
}

export interface OpenApiOptions {
  /** the server requires a bearer token (--token): every route but /healthz says so */
  auth?: boolean
  /** the server answers only loopback Host names (403 bad_host otherwise) */
  hostCheck?: boolean
}

/** Builds the document; the server computes it once, at setup. */
export function openApiDocument(
  version: string,
  { auth = false, hostCheck = false }: OpenApiOptions = {},
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorContent = json(schema(ErrorBodySchema, 'output'))
  const error = (description: string) => ({ description, content: errorContent })
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {
      200: {
        description: 'ok',
        content: op.produces
          ? { [op.produces]: { schema: { type: 'string' } } }
          : json(op.response ? schema(op.response, 'output') : {}),
      },
    }
    if (op.request) {
      responses[400] = error('invalid request: issues give the JSON path of each problem')
      responses[413] = error('the body or the batch is over the limit (--max-body, --max-batch)')
      responses[415] = error('unsupported_media_type: the body is not Content-Type: application/json')
      responses[503] = error('the queue is full or the server is shutting down (Retry-After)')
    }
    if (auth && !op.open) responses[401] = error('unauthorized: missing or wrong bearer token')
    const forbidden = [...(hostCheck ? [FORBIDDEN.host] : []), ...(op.scores ? [FORBIDDEN.images] : [])]
    if (forbidden.length > 0) responses[403] = error(forbidden.join('; '))
    paths[op.path] = {
      [op.method]: {
        summary: op.summary,
        ...(auth ? { security: op.open ? [] : [{ bearer: [] }] } : {}),
        ...(op.request ? { requestBody: { required: true, content: json(schema(op.request, 'input')) } } : {}),
        responses,
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sightline reward server', version },
    ...(auth ? { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } } : {}),
    paths,
  }
}
