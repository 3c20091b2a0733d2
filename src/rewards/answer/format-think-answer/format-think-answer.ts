import { DOLLAR, END, fullMatch, GAP, GAP1, type Step, squeezeTagSpace, WS } from './sequence.js'
import { vlmR1RecSearch } from './vlm-r1-rec.js'

export const FORMAT_VARIANTS = ['r1', 'think-only', 'boxed', 'satori', 'perception-r1', 'vlm-r1-rec'] as const
export type FormatVariant = (typeof FORMAT_VARIANTS)[number]

/** Each variant's reference regex, for reasons and docs. */
export const FORMAT_REGEX: Record<FormatVariant, string> = {
  r1: '<think>.*?</think>\\s*<answer>.*?</answer>',
  'think-only': '^<think>(?!.*<think>)(.*?)</think>.*$',
  boxed: '<think>.*</think>.*\\\\boxed\\{.*\\}.*',
  satori: '^\\s*<caption>.*?</caption>\\s*<bbox>\\s*\\[\\[.*?\\]\\]\\s*</bbox>\\s*<answer>.*?</answer>\\s*$',
  'perception-r1': '^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\\\boxed{.+?}.*?\\n</answer>$',
  'vlm-r1-rec': '<think>.*?</think>\\s*<answer>.*?\\{.*\\[\\d+,\\s*\\d+,\\s*\\d+,\\s*\\d+\\].*\\}.*?</answer>',
}

const STEPS: Record<Exclude<FormatVariant, 'think-only' | 'vlm-r1-rec'>, readonly Step[]> = {
  r1: ['<think>', GAP, '</think>', WS, '<answer>', GAP, '</answer>', END],
  boxed: ['<think>', GAP, '</think>', GAP, '\\boxed{', GAP, '}', GAP, END],
  satori: [
    WS,
    '<caption>',
    GAP,
    '</caption>',
    WS,
    '<bbox>',
    WS,
    '[[',
    GAP,
    ']]',
    WS,
    '</bbox>',
    WS,
    '<answer>',
    GAP,
    '</answer>',
    WS,
    END,
  ],
  'perception-r1': ['<think>\n', GAP, '\n</think>\n<answer>\n', GAP, '\\boxed{', GAP1, '}', GAP, '\n</answer>', DOLLAR],
}

export interface FormatOptions {
  /** Apply EasyR1's tag-whitespace normalisation first (`< answer >` → `<answer>`). Default: true for `boxed` only. */
  lenientTags?: boolean
}

/**
 * Whether the response has a reasoning-format layout, each variant deciding exactly as its reference regex
 * (Python `re`, DOTALL) does, in linear time:
 * - `r1`: `re.fullmatch(r"<think>.*?</think>\s*<answer>.*?</answer>", s, DOTALL)` (rewards.md P2; Visual-RFT,
 *   VLM-R1, CLS-RL, VideoRFT): nothing may come before `<think>` or after `</answer>`.
 * - `think-only`: TRL's `think_format_reward`, `re.match(r"^<think>(?!.*<think>)(.*?)</think>.*$", s, DOTALL)`:
 *   one opening `<think>` at the very start, closed; anything after.
 * - `boxed`: EasyR1 / verl geo3k, `re.fullmatch(r"<think>.*</think>.*\\boxed\{.*\}.*", s, DOTALL)` after
 *   EasyR1's `re.sub(r"\s*(<|>|/)\s*", r"\1", s)`.
 * - `satori`: SATORI-R1's caption → bbox `[[…]]` → answer layout (rewards.md §5a).
 * - `perception-r1`: Perception-R1's newline form (rewards.md §5e). The spec gives the regex without flags; we
 *   read `.` as DOTALL (as every other format regex here), since a one-line think block is not what it checks.
 *   `$` is Python's: the end, or before a final newline.
 * - `vlm-r1-rec`: VLM-R1's REC format reward (rewards.md §2a), `re.search` with DOTALL of
 *   `<think>.*?</think>\s*<answer>.*?\{.*\[\d+,\s*\d+,\s*\d+,\s*\d+\].*\}.*?</answer>`: a search, so text
 *   may come before and after; an integer box `[x1,y1,x2,y2]` must sit inside braces (a bare list fails).
 * @see https://github.com/huggingface/trl trl/rewards/format_rewards.py; https://github.com/hiyouga/EasyR1
 *   examples/reward_function/math.py; https://github.com/justairr/SATORI-R1 plugin.py;
 *   https://github.com/tongxiao2002/Perception-R1 verl/utils/reward_score/math_with_visual.py;
 *   https://github.com/om-ai-lab/VLM-R1 src/open-r1-multimodal/src/open_r1/vlm_modules/qwen_module.py (`format_reward_rec`)
 * @example formatThinkAnswer('<think>look</think>\n<answer>B</answer>', 'r1') //= true
 * @example formatThinkAnswer('<think>look</think><answer>B</answer> thanks', 'r1') //= false
 */
export function formatThinkAnswer(response: string, variant: FormatVariant, options: FormatOptions = {}): boolean {
  const s = (options.lenientTags ?? variant === 'boxed') ? squeezeTagSpace(response) : response
  if (variant === 'think-only')
    return s.startsWith('<think>') && s.indexOf('<think>', 7) === -1 && s.indexOf('</think>', 7) !== -1
  if (variant === 'vlm-r1-rec') return vlmR1RecSearch(s)
  return fullMatch(s, STEPS[variant])
}
