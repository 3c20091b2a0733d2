/** `POST /get_reward`, exactly as OpenRLHF's remote reward client sends it (protocols.md §A.1). */
import { z } from 'zod'

export const GetRewardRequestSchema = z
  .object({
    query: z.array(z.string()).describe('prompt + response, decoded with special tokens (and image pads)'),
    prompts: z.array(z.string()).describe('the prompt strings, one per query').optional(),
    labels: z
      .array(z.unknown())
      .describe(
        'one per query: the ground truth, or a JSON object (or JSON string) {task, reference|ground_truth, images|image_size, meta}',
      )
      .optional(),
  })
  .superRefine((b, ctx) => {
    for (const key of ['prompts', 'labels'] as const) {
      const n = b[key]?.length
      if (n !== undefined && n !== b.query.length)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${n} entries but "query" has ${b.query.length}; send one per query`,
        })
    }
  })

export const GetRewardResponseSchema = z.object({
  rewards: z.array(z.number()).describe('the composed reward of each query'),
  scores: z.array(z.number()).describe('the rewards clipped to [0, 1], for dynamic filtering'),
  extra_logs: z
    .record(z.string(), z.array(z.number()))
    .describe('one array per component, plus sightline/valid (1/0) and sightline/error (1 when not scored)'),
})
