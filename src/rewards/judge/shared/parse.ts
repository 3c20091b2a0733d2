/**
 * Reading judge replies: rubric scores (`{"result", "steps"}`), labels, pairwise verdicts, per-item 0/1 flags and
 * yes/no probabilities from logprobs. Linear scans, bounded input; a reply that says nothing readable gives
 * undefined, never a guess.
 */
import type { JudgeReply } from '../../../core/judge.js'
import { parseLooseJson } from '../../parsing/json.js'
import { extractTag } from '../../parsing/tags.js'
import { parseYesNo } from '../../parsing/yes-no.js'

/** Replies are read up to this many characters. */
export const MAX_REPLY = 100_000

const head = (text: string) => (text.length > MAX_REPLY ? text.slice(0, MAX_REPLY) : text)

/** The `<answer>` block of a reply when it has one, else the whole reply. */
export function answerPart(text: string): string {
  const t = head(text)
  return extractTag(t, 'answer') ?? t
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'string' && /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i.test(v)) return Number(v)
  return undefined
}

/**
 * The score of a rubric reply: the `result` of the `score_model` contract `{"result": float, "steps": [...]}`
 * (fenced or in prose; `score` accepted too), else a reply that is only a number (`7`, `7/10` reads 7).
 * @see protocols.md §B (OpenAI score_model graders)
 * @example parseRubricScore('```json\n{"result": 0.8, "steps": []}\n```') //= 0.8
 */
export function parseRubricScore(text: string): number | undefined {
  const t = head(text)
  const json = parseLooseJson(t)?.value
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>
    return numeric(o.result) ?? numeric(o.score)
  }
  const m = /^\s*(?:score\s*[:=]\s*)?([-+]?\d+(?:\.\d+)?)\s*(?:\/\s*\d+(?:\.\d+)?)?\s*\.?\s*$/i.exec(
    answerPart(t).slice(0, 64),
  )
  return m ? Number(m[1]) : undefined
}

/**
 * The one label a reply names: `{"label": …}` / `{"result": …}` JSON, else the reply (or its `<answer>`) equal to
 * a label, else the only label that appears as a whole word. Case-insensitive; two different labels is no answer.
 * @example parseLabel('Label: correct', ['correct', 'incorrect']) //= 'correct'
 */
export function parseLabel(text: string, labels: readonly string[]): string | undefined {
  const t = head(text)
  const find = (s: string) => labels.find((l) => l.toLowerCase() === s.trim().toLowerCase())
  const json = parseLooseJson(t)?.value
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>
    for (const k of ['label', 'result', 'answer']) if (typeof o[k] === 'string') return find(o[k] as string)
  }
  const body = answerPart(t)
  const exact = find(body.replace(/^[\s"'`*]+|[\s"'`*.]+$/g, ''))
  if (exact) return exact
  const lower = body.toLowerCase()
  let found: string | undefined
  for (const l of labels) {
    if (!containsWord(lower, l.toLowerCase())) continue
    // "incorrect" contains "correct": prefer the longer label when one contains the other
    if (found === undefined || l.toLowerCase().includes(found.toLowerCase())) found = l
    else if (!found.toLowerCase().includes(l.toLowerCase())) return undefined
  }
  return found
}

function containsWord(text: string, word: string): boolean {
  if (word.length === 0) return false
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    const before = i === 0 ? '' : (text[i - 1] as string)
    const after = text[i + word.length] ?? ''
    if (!/[a-z0-9_]/.test(before) && !/[a-z0-9_]/.test(after)) return true
  }
  return false
}

export type PairVerdict = 'first' | 'second' | 'tie'

const NAMED = /\b(?:image|response|answer|output|assistant)\s*([12ab])\s+is\s+(?:the\s+)?better\b/gi

export interface PairVerdictOptions {
  /**
   * Read the verdict only inside an `<answer>` block, as Pref-GRPO does ("otherwise (including no answer) each
   * gets +.5"): a reply without one is undefined. Default false: the `<answer>` block when there is one, else the
   * whole reply, which VL-RewardBench ("Overall Judgment: Answer X is better") and MMRB2 (bare JSON) need.
   */
  requireAnswerTag?: boolean
}

/**
 * A pairwise verdict: MMRB2's JSON `{"better_response": "A"|"B"}`, Pref-GRPO's "Image 1 is better" (also
 * Response/Answer 1|2|A|B, in the `<answer>` block when there is one; when both appear the first candidate is
 * checked first, as Pref-GRPO and VL-RewardBench do), MT-Bench's `[[A]]`/`[[B]]`/`[[C]]`; "tie" when it says so.
 * With `requireAnswerTag` only the `<answer>` block is read, and a reply without one has no verdict.
 * @see https://github.com/CodeGoat24/Pref-GRPO fastvideo/rewards/unifiedreward_think.py; rewards.md §8e, §9
 * @example parsePairVerdict('<answer>Image 2 is better</answer>') //= 'second'
 * @example parsePairVerdict('Image 1 is better', { requireAnswerTag: true }) //= undefined
 */
export function parsePairVerdict(
  text: string,
  { requireAnswerTag = false }: PairVerdictOptions = {},
): PairVerdict | undefined {
  const t = head(text)
  const tagged = extractTag(t, 'answer')
  if (requireAnswerTag && tagged === undefined) return undefined
  const json = parseLooseJson(requireAnswerTag ? (tagged as string) : t)?.value
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const v = (json as Record<string, unknown>).better_response
    if (typeof v === 'string') return pairLetter(v.trim())
  }
  const body = tagged ?? t
  let first = false
  let second = false
  for (const m of body.matchAll(NAMED)) {
    const which = (m[1] as string).toLowerCase()
    if (which === '1' || which === 'a') first = true
    else second = true
  }
  if (first) return 'first'
  if (second) return 'second'
  if (body.includes('[[A]]')) return 'first'
  if (body.includes('[[B]]')) return 'second'
  if (body.includes('[[C]]') || /\b(?:tie|equally good|both are equal)\b/i.test(body)) return 'tie'
  return undefined
}

function pairLetter(v: string): PairVerdict | undefined {
  const u = v.toUpperCase()
  if (u === 'A' || u === '1') return 'first'
  if (u === 'B' || u === '2') return 'second'
  if (u === 'TIE' || u === 'C' || u === 'EQUAL') return 'tie'
  return undefined
}

/**
 * Per-item 0/1 verdicts written as `<tagK>v</tagK>` for K = 1..n (Perception-R1's `<infoK>0|1</infoK>`); the
 * value is read as a number (clamped later by the caller). Missing or unreadable items are undefined.
 * @example indexedFlags('<info1>1</info1><info2>0</info2>', 'info', 3) //= [1, 0, undefined]
 */
export function indexedFlags(text: string, tag: string, n: number): (number | undefined)[] {
  const t = head(text)
  const out: (number | undefined)[] = new Array(n).fill(undefined)
  for (let k = 1; k <= n; k++) {
    const body = extractTag(t, `${tag}${k}`)
    if (body === undefined) continue
    const v = Number(body.trim())
    out[k - 1] = body.trim() !== '' && Number.isFinite(v) ? v : undefined
  }
  return out
}

export interface YesProbability {
  pYes: number
  pNo: number
  /** 'logprobs' when read from the first answer token's alternatives, 'text' when from the words */
  from: 'logprobs' | 'text'
}

const norm = (token: string) =>
  token
    .trim()
    .replace(/^[^a-z]+|[^a-z]+$/gi, '')
    .toLowerCase()

/**
 * P(yes) and P(no) at the first reply token that is a word (VQAScore reads P("Yes") at the answer position):
 * summed over the alternatives that read "yes" (`Yes`, ` yes`, `YES`) and "no". Without logprobs, from the text:
 * 1/0 for a clear yes or no, undefined otherwise.
 * @see https://github.com/linzhiqiu/t2v_metrics (VQAScore, arXiv:2404.01291)
 */
export function yesProbability(reply: JudgeReply): YesProbability | undefined {
  const lps = reply.logprobs
  if (lps && lps.length > 0) {
    for (const tok of lps) {
      if (norm(tok.token) === '') continue
      let pYes = 0
      let pNo = 0
      const alts = tok.top.length > 0 ? tok.top : [tok]
      for (const a of alts) {
        const w = norm(a.token)
        if (w === 'yes') pYes += Math.exp(a.logprob)
        else if (w === 'no') pNo += Math.exp(a.logprob)
      }
      return { pYes: Math.min(1, pYes), pNo: Math.min(1, pNo), from: 'logprobs' }
    }
  }
  const yn = parseYesNo(answerPart(reply.text).slice(0, 2000))
  if (yn.answer === undefined || yn.hedged) return undefined
  return yn.answer === 'yes' ? { pYes: 1, pNo: 0, from: 'text' } : { pYes: 0, pNo: 1, from: 'text' }
}
