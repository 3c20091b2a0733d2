import type { GraderOutcome } from './compile.js'
import { noErrors } from './schema.js'

/**
 * The `/graders/run` answer, with every top-level and metadata field OpenAI's API returns (protocols.md §B.1.3).
 * When an error flag is set, `metadata.error_details` (our addition) says what happened in words.
 */
export function runResponse(
  grader: { name?: string | undefined; type: string },
  outcome: GraderOutcome,
  seconds: number,
) {
  return {
    reward: outcome.reward,
    metadata: {
      name: grader.name ?? grader.type,
      type: grader.type,
      execution_time: seconds,
      scores: outcome.scores,
      token_usage: totalUsage(outcome),
      sampled_model_name: outcome.model ?? null,
      errors: {
        ...noErrors(),
        ...outcome.errors,
        ...(outcome.errors.model_grader_server_error
          ? { model_grader_server_error_details: outcome.details ?? null }
          : {}),
      },
      ...(outcome.details === undefined ? {} : { error_details: outcome.details }),
    },
    sub_rewards: outcome.subRewards,
    model_grader_token_usage_per_model: outcome.usage ?? {},
  }
}

/** Judge tokens over every model, or null when no model grader ran. */
function totalUsage(outcome: GraderOutcome) {
  const all = Object.values(outcome.usage ?? {})
  if (all.length === 0) return null
  const t = { prompt_tokens: 0, total_tokens: 0, completion_tokens: 0, cached_tokens: 0 }
  for (const u of all) {
    t.prompt_tokens += u.prompt_tokens
    t.total_tokens += u.total_tokens
    t.completion_tokens += u.completion_tokens
    t.cached_tokens += u.cached_tokens
  }
  return t
}
