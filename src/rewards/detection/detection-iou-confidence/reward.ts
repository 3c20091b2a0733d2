import { z } from 'zod'
import { defineReward, invalid, type RewardOutput, scored } from '../../../core/index.js'
import type { BoxXYXY } from '../../geometry/index.js'
import { extractTag } from '../../parsing/tags.js'
import { modeParam } from '../../shared/params.js'
import { MAX_ANSWER_CHARS, stripFence } from '../shared/answer.js'
import { coordParams } from '../shared/params.js'
import { toPixelBoxes } from '../shared/pixels.js'
import { isReason, readDetectionReference } from '../shared/reference.js'
import { type ConfidentBox, iouConfidence, visualRftJson } from './detection-iou-confidence.js'

export const DetectionIouConfidenceParams = z.object({ mode: modeParam, ...coordParams })
export type DetectionIouConfidenceParams = z.infer<typeof DetectionIouConfidenceParams>

const BOX_KEYS = ['Position', 'bbox_2d', 'bbox'] as const
const CONF_KEYS = ['Confidence', 'confidence', 'score'] as const
const EXPECTED = `<answer>[{'Position': [x1, y1, x2, y2], 'Confidence': 0.9}, ...]</answer>`

interface RawPred {
  raw: [number, number, number, number]
  confidence: number
}

/** Reads the list; undefined where Visual-RFT's code would raise (→ 0), per mode. */
function readList(data: unknown, fixed: boolean): RawPred[] | undefined {
  if (!Array.isArray(data) || data.length === 0) return undefined
  if (typeof data[0] !== 'object' || data[0] === null || Array.isArray(data[0])) return undefined
  const out: RawPred[] = []
  for (const el of data) {
    const rec = (typeof el === 'object' && el !== null ? el : {}) as Record<string, unknown>
    const box = firstDefined(rec, BOX_KEYS, fixed)
    const conf = firstDefined(rec, CONF_KEYS, fixed)
    const okBox = Array.isArray(box) && box.length === 4 && box.every((v) => typeof v === 'number')
    if (!fixed && (!okBox || typeof conf !== 'number')) return undefined // KeyError / TypeError in the reference
    // fixed: a malformed item is an unmatched prediction at full confidence; a missing confidence means 1
    const c = typeof conf === 'number' && Number.isFinite(conf) ? conf : 1
    out.push({
      raw: okBox
        ? [box[0] as number, box[1] as number, box[2] as number, box[3] as number]
        : [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      confidence: fixed ? Math.min(1, Math.max(0, c)) : c,
    })
  }
  return out
}

/** The value of the first of `keys` (only the first key unless `all`) that `rec` defines. */
function firstDefined(rec: Record<string, unknown>, keys: readonly string[], all: boolean): unknown {
  for (let k = 0; k < (all ? keys.length : 1); k++) {
    const v = rec[keys[k] as string]
    if (v !== undefined) return v
  }
  return undefined
}

const comps = (iou: number, confidence: number) => ({ iou, confidence })

/**
 * Visual-RFT detection reward, `R_IoU + R_conf` (each in [0, 1]; the format reward is separate). The answer is the
 * first `<answer>` (else the whole output), read by Visual-RFT's `extract_bbox` repairs.
 * - `faithful`: strict tags and no DOTALL, as `re.search('<answer>(.*?)</answer>')` (`< answer >` or an answer
 *   spanning lines falls back to the whole output); items need `Position` and
 *   `Confidence` or the reward is 0; an empty list is 0, even when the image has no object (IndexError).
 * - `fixed`: DOTALL, tags may hold whitespace; a ```json fence is stripped; `bbox_2d` and `confidence`/`score` are read too; a missing confidence counts as 1, confidences
 *   are clamped to [0, 1], malformed items are unmatched predictions; `[]` scores 2 when there is no object.
 * @see Liuziyu77/Visual-RFT `src/virft/src/open_r1/grpo.py`; rewards.md 1a
 * @example score({ response: "<answer>[{'Position': [12, 12, 50, 50], 'Confidence': 0.9}, {'Position': [200, 200, 220, 220], 'Confidence': 0.6}]</answer>", reference: [{ box: [10, 10, 50, 50] }, { box: [60, 60, 100, 100] }] }, { coordSpace: 'pixel' }) //= 1.10125
 */
export const detectionIouConfidenceReward = defineReward({
  id: 'detection-iou-confidence',
  version: 2,
  summary: 'Visual-RFT detection: IoU of confidence-sorted greedy matches plus a confidence calibration reward',
  source: 'Liuziyu77/Visual-RFT src/virft/src/open_r1/grpo.py (arXiv:2503.01785)',
  params: DetectionIouConfidenceParams,
  needs: { reference: true, image: true },
  range: [0, 2],
  components: () => ['iou', 'confidence'],
  score: ({ response, reference, item, params: p }): RewardOutput => {
    const fixed = p.mode === 'fixed'
    const ref = readDetectionReference(reference)
    if (isReason(ref)) return invalid(ref, 0, comps(0, 0))
    if (response.length > MAX_ANSWER_CHARS)
      return invalid(
        { code: 'too_large', limit: 'response length', size: response.length, max: MAX_ANSWER_CHARS },
        0,
        comps(0, 0),
      )
    const answer = extractTag(response, 'answer', { which: 'first', multiline: fixed, lenient: fixed }) ?? response
    const trimmed = answer.trim()
    if (!trimmed) return invalid({ code: 'empty_answer' }, 0, comps(0, 0))
    const data = visualRftJson(fixed ? stripFence(trimmed) : answer)
    if (fixed && Array.isArray(data) && data.length === 0)
      return ref.objects.length === 0
        ? scored(2, { code: 'ok', note: 'no objects, none predicted' }, comps(1, 1))
        : scored(0, { code: 'wrong_answer', expected: `${ref.objects.length} objects`, got: '[]' }, comps(0, 0))
    const list = readList(data, fixed)
    if (!list)
      return invalid({ code: 'unparseable_answer', side: 'response', expected: EXPECTED, text: answer }, 0, comps(0, 0))
    const boxes = toPixelBoxes(
      list.map((l) => l.raw),
      item,
      p,
    )
    if (!Array.isArray(boxes)) return invalid(boxes, 0, comps(0, 0))
    const preds: ConfidentBox[] = list.map((l, i) => ({ box: boxes[i] as BoxXYXY, confidence: l.confidence }))
    const d = iouConfidence(
      ref.objects.map((o) => o.box),
      preds,
    )
    return scored(d.iou + d.confidence, undefined, comps(d.iou, d.confidence))
  },
})
