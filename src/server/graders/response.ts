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
      token_usage: null,
      sampled_model_name: null,
      errors: { ...noErrors(), ...outcome.errors },
      ...(outcome.details === undefined ? {} : { error_details: outcome.details }),
    },
    sub_rewards: outcome.subRewards,
    model_grader_token_usage_per_model: {},
  }
}
