/**
 * The response text of an OpenRLHF sample. OpenRLHF sends `query` = prompt + response decoded with
 * `skip_special_tokens=False`, and `prompts` = the prompt string (protocols.md §A.1). For VLMs the query also
 * carries the processor-expanded image pads (`<|image_pad|>` repeated once per visual token) where the prompt
 * has one, so the prompt is not a prefix of the query: pad runs are collapsed on both sides before the prompt is
 * taken off. End-of-turn and padding tokens are stripped from the response; grounding tokens such as
 * `<|box_start|>` are kept, because Qwen2-VL answers with them.
 * @see https://github.com/OpenRLHF/OpenRLHF (openrlhf/utils/agent.py, examples/python/math_reward_func.py)
 * @example responseText('<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n42<|im_end|>', '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n') //= '42'
 */

/** Placeholder tokens that processors repeat once per visual token (Qwen2/2.5/3-VL, InternVL, LLaVA-style). */
const PAD_TOKENS = ['<|image_pad|>', '<|video_pad|>', '<IMG_CONTEXT>', '<image>'] as const

/** Chat end and padding tokens removed from the response wherever they appear. */
const END_TOKENS = [
  '<|im_end|>',
  '<|endoftext|>',
  '<|end_of_text|>',
  '<|eot_id|>',
  '<|end|>',
  '<end_of_turn>',
  '</s>',
  '<|pad|>',
  '<pad>',
] as const

/** Marks where the assistant's turn starts, for a query whose prompt is not a prefix even after pad collapse. */
const ASSISTANT_MARKERS = ['<|im_start|>assistant\n', '<|start_header_id|>assistant<|end_header_id|>\n\n'] as const

/** Replaces every run of one pad token by a single copy (linear: indexOf scans, no regex). */
export function collapsePadRuns(text: string): string {
  let out = text
  for (const pad of PAD_TOKENS) {
    if (!out.includes(pad + pad)) continue
    let result = ''
    let from = 0
    for (let at = out.indexOf(pad); at !== -1; at = out.indexOf(pad, from)) {
      let end = at + pad.length
      while (out.startsWith(pad, end)) end += pad.length
      result += out.slice(from, at) + pad
      from = end
    }
    out = result + out.slice(from)
  }
  return out
}

function stripEndTokens(text: string): string {
  let out = text
  for (const token of END_TOKENS) if (out.includes(token)) out = out.split(token).join('')
  return out
}

/** The model's answer inside an OpenRLHF query; see the module comment. */
export function responseText(query: string, prompt: string | undefined): string {
  let rest: string
  if (prompt === undefined || prompt.length === 0) rest = query
  else if (query.startsWith(prompt)) rest = query.slice(prompt.length)
  else {
    const q = collapsePadRuns(query)
    const p = collapsePadRuns(prompt)
    if (q.startsWith(p)) rest = q.slice(p.length)
    else {
      const marker = ASSISTANT_MARKERS.map((m) => [m, q.lastIndexOf(m)] as const).find(([, at]) => at !== -1)
      // OpenRLHF's own examples cut at the prompt's length when nothing better is known
      rest = marker ? q.slice(marker[1] + marker[0].length) : q.slice(p.length)
    }
  }
  return stripEndTokens(rest)
}
