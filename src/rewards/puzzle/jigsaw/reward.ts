import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { MAX_PIECES, readGrid } from './grid.js'
import { jigsawOutput, jigsawScore } from './jigsaw.js'

const side = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_PIECES)
    .optional()
    .describe(`${what} of the grid when the reference is a flat list (default: a square grid)`)

export const JigsawParams = z
  .object({
    measure: z
      .enum(['positions', 'connections', 'complete'])
      .default('positions')
      .describe(
        '"positions" (default: pieces in place), "connections" (Jigsaw-R1 score_jigsaw_connections: neighbour pairs kept) or "complete" (1 when the answer has exactly m·n pieces: the grid half of the format reward)',
      ),
    rows: side('rows'),
    cols: side('columns'),
  })
  .strict()
export type JigsawParams = z.infer<typeof JigsawParams>

export const jigsawReward = defineReward({
  id: 'jigsaw',
  version: 1,
  summary: 'Jigsaw-R1 grid accuracy: pieces in place, or neighbour pairs kept (score_jigsaw_connections)',
  source: 'zifuwanggg/Jigsaw-R1 utils/reward.py, grpo.py (arXiv:2505.23590; rewards.md §5b)',
  params: JigsawParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const grid = readGrid(reference, params.rows, params.cols)
    if ('code' in grid) return invalid(grid)
    return jigsawOutput(jigsawScore(response, grid, params.measure), grid, response)
  },
})
