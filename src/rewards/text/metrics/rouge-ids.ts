import { porterStemCached } from './porter-stemmer.js'
import { StringIds } from './string-ids.js'
import { type IdSequence, predictionIds, tokenIdOfSpan, tokenIdsVersion } from './vocab.js'

// A prediction's ROUGE tokens straight to reference ids (see vocab.ts), without a string per token: the tokens are
// found as spans of the lower-cased text, as `rougeTokenize` finds them, and looked up by span. A token to be
// stemmed is looked up in `RAW`, which keeps its stem and the stem's id as of a `tokenIdsVersion` (valid while no
// token has been added since). Slicing, the stem cache's Map and the token Map were a third of ROUGE's time.
// Checked against `lookupIds(rougeTokenize(…))` in rouge-ids.test.ts.
const RAW = new StringIds()
const RAW_MAX = 50_000
const stems: string[] = []
const stemIds: number[] = []
const stemVersions: number[] = []

/**
 * Ids of `rougeTokenize(text, stem)` (the `predictionIds` buffer): the indexed references' ids, `UNKNOWN` for
 * tokens none has. Call it after `indexReferences`.
 */
export function rougeIds(text: string, stem: boolean): IdSequence {
  const lower = text.toLowerCase()
  const out = predictionIds(lower.length + 1)
  const ids = out.ids
  const version = tokenIdsVersion()
  let n = 0
  let start = -1
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i
    } else if (start >= 0) {
      ids[n++] = stem && i - start > 3 ? stemmedId(lower, start, i, version) : tokenIdOfSpan(lower, start, i)
      start = -1
    }
  }
  out.length = n
  return out
}

function stemmedId(lower: string, start: number, end: number, version: number): number {
  let r = RAW.find(lower, start, end)
  if (r < 0) {
    if (RAW.size >= RAW_MAX) {
      RAW.clear()
      stems.length = 0
      stemIds.length = 0
      stemVersions.length = 0
    }
    const raw = lower.slice(start, end)
    r = RAW.add(raw)
    stems.push(porterStemCached(raw))
    stemIds.push(0)
    stemVersions.push(-1)
  }
  if (stemVersions[r] !== version) {
    const s = stems[r] as string
    stemIds[r] = tokenIdOfSpan(s, 0, s.length)
    stemVersions[r] = version
  }
  return stemIds[r] as number
}
