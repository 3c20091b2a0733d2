/**
 * OpenAI reinforcement fine-tuning graders (protocols.md §B), as zod schemas, plus the `sightline` extension
 * that runs any registered reward. `multi.graders` is keyed by name (the form every real example uses; the
 * published OpenAPI types it as one grader, a known bug).
 */
import { z } from 'zod'

const name = z.string().describe('the grader name, echoed in metadata.name')

export const TEXT_SIMILARITY_METRICS = [
  'cosine',
  'fuzzy_match',
  'bleu',
  'gleu',
  'meteor',
  'rouge_1',
  'rouge_2',
  'rouge_3',
  'rouge_4',
  'rouge_5',
  'rouge_l',
] as const

export const StringCheckSchema = z.object({
  type: z.literal('string_check'),
  name,
  input: z.string().describe('a template, e.g. "{{sample.output_text}}"'),
  reference: z.string().describe('a template, e.g. "{{item.answer}}"'),
  operation: z
    .enum(['eq', 'ne', 'like', 'ilike'])
    .describe('eq/ne: case-sensitive equality; like: input contains reference; ilike: the same, case-insensitive'),
})

export const TextSimilaritySchema = z.object({
  type: z.literal('text_similarity'),
  name,
  input: z.string(),
  reference: z.string(),
  evaluation_metric: z.enum(TEXT_SIMILARITY_METRICS),
  pass_threshold: z.number().optional(),
})

const EvalItemSchema = z.object({
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.unknown(),
  type: z.literal('message').optional(),
})

export const ScoreModelSchema = z.object({
  type: z.literal('score_model'),
  name,
  model: z.string(),
  input: z.array(EvalItemSchema),
  range: z.tuple([z.number(), z.number()]).optional(),
  sampling_params: z.record(z.string(), z.unknown()).optional(),
})

export const LabelModelSchema = z.object({
  type: z.literal('label_model'),
  name,
  model: z.string(),
  input: z.array(EvalItemSchema),
  labels: z.array(z.string()),
  passing_labels: z.array(z.string()),
})

export const PythonSchema = z.object({
  type: z.literal('python'),
  name,
  source: z.string(),
  image_tag: z.string().optional(),
})

export const SightlineGraderSchema = z.object({
  type: z.literal('sightline'),
  name: name.optional(),
  reward: z.string().describe('a registered reward id, e.g. "box-iou" (GET /v1/rewards)'),
  params: z.record(z.string(), z.unknown()).optional().describe("the reward's params; defaults apply"),
  input: z.string().default('{{sample.output_text}}').describe('template of the response to score'),
  reference: z
    .unknown()
    .optional()
    .describe('the ground truth; a string that is exactly one template ("{{item.boxes}}") keeps its JSON value'),
  task: z.string().optional(),
  images: z.unknown().optional().describe('image refs with sizes, or a template such as "{{item.images}}"'),
  meta: z.unknown().optional().describe('meta (coordSpace, boxOrder, ...), or a template'),
})

const SINGLE = [
  StringCheckSchema,
  TextSimilaritySchema,
  ScoreModelSchema,
  LabelModelSchema,
  PythonSchema,
  SightlineGraderSchema,
] as const

export const InnerGraderSchema = z.discriminatedUnion('type', SINGLE)

export const MultiSchema = z.object({
  type: z.literal('multi'),
  name,
  graders: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name: letters, digits and "_"'), InnerGraderSchema)
    .refine((g) => Object.keys(g).length > 0, 'at least one grader')
    .describe('graders keyed by the names calculate_output uses'),
  calculate_output: z
    .string()
    .describe('a formula over the grader keys: + - * / ^, min max abs floor ceil exp sqrt log, e.g. "(a + b) / 2"'),
})

export const GraderSchema = z.discriminatedUnion('type', [...SINGLE, MultiSchema])

export type InnerGrader = z.output<typeof InnerGraderSchema>
export type Grader = z.output<typeof GraderSchema>

export const RunRequestSchema = z.object({
  grader: GraderSchema,
  item: z.record(z.string(), z.unknown()).optional().describe('the dataset row, for {{item.*}} templates'),
  model_sample: z.string().describe("the model's output, {{sample.output_text}}"),
})

export const ValidateRequestSchema = z.object({ grader: GraderSchema })

const ERROR_FLAGS = [
  'formula_parse_error',
  'sample_parse_error',
  'truncated_observation_error',
  'unresponsive_reward_error',
  'invalid_variable_error',
  'other_error',
  'python_grader_server_error',
  'python_grader_runtime_error',
  'model_grader_server_error',
  'model_grader_refusal_error',
  'model_grader_parse_error',
] as const
const ERROR_DETAILS = [
  'python_grader_server_error_type',
  'python_grader_runtime_error_details',
  'model_grader_server_error_details',
] as const
export type ErrorFlag = (typeof ERROR_FLAGS)[number]
export type GraderErrors = Record<ErrorFlag, boolean> & Record<(typeof ERROR_DETAILS)[number], string | null>

export function noErrors(): GraderErrors {
  const e = {} as Record<string, boolean | null>
  for (const f of ERROR_FLAGS) e[f] = false
  for (const d of ERROR_DETAILS) e[d] = null
  return e as GraderErrors
}

const TokenUsage = z.object({
  prompt_tokens: z.number(),
  total_tokens: z.number(),
  completion_tokens: z.number(),
  cached_tokens: z.number(),
})

export const RunResponseSchema = z.object({
  reward: z.number(),
  metadata: z.object({
    name: z.string(),
    type: z.string(),
    execution_time: z.number().describe('seconds'),
    scores: z.record(z.string(), z.number()),
    token_usage: z.union([z.number(), TokenUsage, z.null()]),
    sampled_model_name: z.string().nullable(),
    errors: z.object({
      ...Object.fromEntries(ERROR_FLAGS.map((f) => [f, z.boolean()])),
      ...Object.fromEntries(ERROR_DETAILS.map((d) => [d, z.string().nullable()])),
    }),
  }),
  sub_rewards: z.record(z.string(), z.number()),
  model_grader_token_usage_per_model: z.record(z.string(), TokenUsage),
})
