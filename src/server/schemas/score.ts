/** Request and response schemas of `POST /v1/score` (interfaces.md §1, §4); OpenAPI is generated from these. */
import { z } from 'zod'

export const ImageRefSchema = z
  .strictObject({
    path: z.string().describe("a file under one of the server's --allow-dir roots").optional(),
    url: z.string().describe('an http(s) URL whose host is in --allow-url').optional(),
    data: z.string().describe('base64 or a data URL').optional(),
    sha256: z.string().optional(),
    width: z.number().positive().describe('original width in pixels').optional(),
    height: z.number().positive().describe('original height in pixels').optional(),
    inputWidth: z.number().positive().describe('width the model saw after resizing').optional(),
    inputHeight: z.number().positive().describe('height the model saw after resizing').optional(),
  })
  .describe('an image the policy saw')

const ChatMessageSchema = z.object({
  role: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
})

export const ScoreItemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).describe('echoed back; default: the position in the batch').optional(),
    task: z.string().describe("routes to a reward in the spec (verl's data_source)").optional(),
    prompt: z.union([z.string(), z.array(ChatMessageSchema)]).optional(),
    response: z.string().describe("the model's text output"),
    reference: z.unknown().describe('the ground truth: string, number, boxes, points, spans or an object').optional(),
    images: z.array(ImageRefSchema).max(256).optional(),
    meta: z.record(z.string(), z.unknown()).describe('coordSpace, boxOrder, categories, ...').optional(),
    group: z.string().describe("GRPO group id (verl's uid)").optional(),
    step: z.number().int().describe('training step').optional(),
  })
  .describe('one rollout to score')

export const ScoreRequestSchema = z.object({
  spec: z
    .unknown()
    .describe('an inline reward spec, e.g. {"reward": "mcq"}; the server\'s --spec when absent')
    .optional(),
  items: z.array(ScoreItemSchema).describe('the rollouts, scored in order'),
  run: z
    .union([z.string().max(200), z.literal(false)])
    .describe('log the scored items to this run of the rollout store (with --db); false: do not log')
    .optional(),
})

export const ScoreResultSchema = z.object({
  id: z.string(),
  score: z.number().describe('the composed reward'),
  components: z.record(z.string(), z.number()).describe('the same keys for every item of one spec'),
  valid: z.boolean().describe('false: the output could not be parsed or scored'),
  reason: z.looseObject({ code: z.string() }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).describe('the item could not be scored').optional(),
  route: z.string().describe('the route case taken, when the spec routes').optional(),
})

export const ProvenanceSchema = z.object({
  key: z.string().describe('the component key'),
  rewardId: z.string(),
  rewardVersion: z.number().int(),
  params: z.unknown().describe('the params after defaults'),
})

const RouteConditionSchema = z.object({
  by: z.string().describe('what the route reads: "task" or "meta.<key>"'),
  cases: z.array(z.string()).describe('every case value of the route'),
  in: z.array(z.string()).describe('the case values whose nodes write the component'),
  default: z.boolean().describe("whether the route's default writes it"),
})

export const ScoreResponseSchema = z.object({
  spec: z.object({
    rewards: z.array(ProvenanceSchema),
    componentKeys: z.array(z.string()),
    scopes: z
      .record(z.string(), z.array(RouteConditionSchema))
      .describe(
        'by component key, the routes it sits under: it applies to an item (and counts in summaries) only when each sends the item to a case that writes it, else it is 0 by construction; keys not listed apply to every item',
      ),
  }),
  results: z.array(ScoreResultSchema),
})

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string().describe('JSON path in the body'), message: z.string() })).optional(),
  }),
})
