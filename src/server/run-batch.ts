import type { ScoreItem, ScoreResult } from '../core/index.js'
import type { ServerDeps } from './deps.js'
import { HttpError } from './errors.js'
import { imageIssues } from './image-policy.js'
import type { ServedSpec } from './spec-store.js'

/**
 * What every scoring route does once its items are built: check image refs against the policy, admit the
 * items into the bounded queue, score them under the deadline, count them. A client that goes away stops the
 * work; nothing partial is ever answered.
 */
export async function runBatch(
  deps: ServerDeps,
  served: ServedSpec,
  items: ScoreItem[],
  signal: AbortSignal,
  at = 'items',
): Promise<ScoreResult[]> {
  const refused = imageIssues(items, deps.images, at)
  if (refused.length > 0)
    throw new HttpError(403, 'image_not_allowed', `${refused.length} image reference(s) refused`, { issues: refused })
  const release = deps.admission.enterItems(items.length)
  try {
    const results = await deps.scorer.score(served, items, { deadline: Date.now() + deps.timeoutMs, signal })
    deps.metrics.scored(results, served.rewardsOf)
    return results
  } catch (e) {
    if (signal.aborted)
      throw new HttpError(499, 'client_closed', 'the client closed the connection; the batch was dropped')
    throw e
  } finally {
    release()
  }
}
