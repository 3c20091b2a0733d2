import { invalid, OK, type RewardOutput, type RewardReason, scored } from '../../../core/index.js'
import type { Mode } from '../../shared/params.js'
import { type Span, showSpan, temporalIou } from '../shared/span.js'
import { parseMotionO, parseTimeLens, parseTimeR1, type SpanParseFailure } from './parse-span.js'

export type TemporalIouParser = 'timelens' | 'time-r1' | 'motion-o'
export type TemporalIouVariant = 'iou' | 'iou-v2'

export interface TemporalIouOptions {
  /** how the span is read from the response (default `timelens`) */
  parser?: TemporalIouParser
  /** `iou` (default), or Time-R1's `iou-v2`, which needs the video `duration` */
  variant?: TemporalIouVariant
  /** video duration in seconds, for `iou-v2` */
  duration?: number
  /** `fixed` (default) clamps each `iou-v2` closeness factor at 0; `faithful` lets it go negative, as the formula */
  mode?: Mode
}

export interface TemporalIouDetail {
  score: number
  /** the plain tIoU (equal to `score` under `variant: 'iou'`) */
  tiou: number
  predicted?: Span
  /** set when the response could not be scored */
  failure?: SpanParseFailure | 'reversed_span'
}

const PARSERS = { timelens: parseTimeLens, 'time-r1': parseTimeR1, 'motion-o': parseMotionO } as const

/**
 * Temporal IoU of the span a model names against the ground-truth span, with the span read as TimeLens
 * (`parser: 'timelens'`), Time-R1 or Motion-o (`ans_tiou`) read it; a reversed or empty span scores 0.
 * `variant: 'iou-v2'` is Time-R1's `R = tIoU·(1 − |s_g − s_p|/D)·(1 − |e_g − e_p|/D)` with D the video duration.
 * QUIRK (`mode: 'faithful'`): a predicted end more than D past the true end makes a factor, and so R, negative;
 * `fixed` clamps each factor at 0.
 * @see rewards.md §6b (TencentARC/TimeLens `training/train/reward_funcs.py`), §6c (xiaomi-research/time-r1
 *   `main.py`), §6d `ans_tiou` (ostadabbas/Motion-o `training/reward_func_v3.py`)
 * @example temporalIouScore('12.5 - 20.0', [10, 18]).score //= 0.55
 * @example temporalIouScore('<answer>12.5 to 20.0</answer>', [10, 18], { parser: 'time-r1', variant: 'iou-v2', duration: 40 }).score //= 0.4898…
 */
export function temporalIouScore(response: string, truth: Span, options: TemporalIouOptions = {}): TemporalIouDetail {
  const parsed = PARSERS[options.parser ?? 'timelens'](response)
  if ('failure' in parsed) return { score: 0, tiou: 0, failure: parsed.failure }
  const p = parsed.span
  if (!(p[0] < p[1])) return { score: 0, tiou: 0, predicted: p, failure: 'reversed_span' }
  const tiou = temporalIou(p, truth)
  if (options.variant !== 'iou-v2') return { score: tiou, tiou, predicted: p }
  const d = options.duration ?? Number.NaN
  let fs = 1 - Math.abs(truth[0] - p[0]) / d
  let fe = 1 - Math.abs(truth[1] - p[1]) / d
  if (options.mode !== 'faithful') {
    fs = Math.max(fs, 0)
    fe = Math.max(fe, 0)
  }
  const score = tiou === 0 ? 0 : tiou * fs * fe
  return { score: Number.isFinite(score) ? score : 0, tiou, predicted: p }
}

const EXPECTED: Record<TemporalIouParser, string> = {
  timelens: 'a span such as "12.5 - 20.0", "from 12.5 to 20" or "00:12 to 00:20"',
  'time-r1': 'a span "<start> to <end>" or "<start> and <end>" inside the last <answer>',
  'motion-o': 'a span "<t>start</t>s to <t>end</t>s" inside <answer>',
}

/** The reward's output for a detail: structured reasons for every way a response can fail. */
export function temporalIouOutput(
  d: TemporalIouDetail,
  truth: Span,
  response: string,
  parser: TemporalIouParser,
  components: boolean,
): RewardOutput {
  const parts = components ? { tiou: d.tiou } : undefined
  if (d.failure !== undefined) {
    const reason: RewardReason =
      d.failure === 'no_answer'
        ? { code: 'no_answer', expected: '<answer>…</answer>' }
        : d.failure === 'empty_answer'
          ? { code: 'empty_answer' }
          : d.failure === 'reversed_span'
            ? {
                code: 'unparseable_answer',
                side: 'response',
                expected: 'a span with start < end',
                text: showSpan(d.predicted ?? [0, 0]),
              }
            : { code: 'unparseable_answer', side: 'response', expected: EXPECTED[parser], text: response.slice(0, 200) }
    return invalid(reason, 0, parts)
  }
  if (d.tiou > 0) return scored(d.score, OK, parts)
  return scored(
    d.score,
    { code: 'wrong_answer', expected: showSpan(truth), got: showSpan(d.predicted ?? [0, 0]) },
    parts,
  )
}
