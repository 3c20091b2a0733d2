/**
 * A test server speaking the OpenAI chat-completions protocol on loopback, with scripted answers and injected
 * faults (HTTP errors with Retry-After, hangs for timeouts, malformed bodies, refusals), because no vision model
 * runs on CI machines. The client under test is the same that talks to vLLM. Used by test/judge and
 * bench/suites/judge.ts; start one per test, it binds port 0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface FakeLogprob {
  token: string
  logprob: number
  top_logprobs?: { token: string; logprob: number }[]
}

/** What the server does with one request. */
export type FakeStep =
  | {
      text: string
      logprobs?: FakeLogprob[]
      usage?: { prompt_tokens: number; completion_tokens: number }
      finishReason?: string
    }
  | { refusal: string }
  | { status: number; retryAfter?: number | string; message?: string }
  | { hang: true }
  | { malformed: true }

export interface FakeRequest {
  /** the parsed JSON body (model, messages, temperature, seed, logprobs, ...) */
  body: {
    model: string
    messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[]
    [k: string]: unknown
  }
  authorization: string | undefined
  /** 0-based arrival number */
  n: number
}

export type FakeScript = (request: FakeRequest) => FakeStep | Promise<FakeStep>

export interface FakeServerOptions {
  script?: FakeScript
  /** added before every answer, ms (the benchmark's fixed latency) */
  latencyMs?: number
  /** what GET /v1/models lists; default ['fake-vlm'] */
  models?: string[]
  /** keep every request in `requests` (default true; the benchmark turns it off) */
  record?: boolean
}

export interface FakeOpenAiServer {
  /** the base URL to give the client, ending in /v1 */
  readonly url: string
  readonly requests: FakeRequest[]
  /** requests received, recorded or not */
  readonly received: number
  /** requests being answered right now, and the most at once so far */
  readonly inFlight: number
  readonly maxInFlight: number
  script: FakeScript
  close(): Promise<void>
}

/** Answers the steps in order, then `rest` (default: the last step) for every later request. */
export function scripted(steps: readonly FakeStep[], rest?: FakeStep): FakeScript {
  let k = 0
  return () => {
    const step = steps[k] ?? rest ?? steps[steps.length - 1]
    k++
    if (!step) throw new Error('scripted() needs at least one step')
    return step
  }
}

/** The text of the user messages of a request (what a script usually keys on). */
export function requestText(r: FakeRequest): string {
  const out: string[] = []
  for (const m of r.body.messages) {
    if (typeof m.content === 'string') out.push(m.content)
    else for (const p of m.content) if (p.type === 'text' && p.text) out.push(p.text)
  }
  return out.join('\n')
}

function completion(
  body: FakeRequest['body'],
  step: Extract<FakeStep, { text: string }> | { refusal: string },
  n: number,
) {
  const refusal = 'refusal' in step ? step.refusal : null
  const text = 'text' in step ? step.text : null
  const usage = 'usage' in step && step.usage ? step.usage : { prompt_tokens: 100, completion_tokens: 10 }
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal },
        logprobs: 'logprobs' in step && step.logprobs ? { content: step.logprobs } : null,
        finish_reason: 'finishReason' in step && step.finishReason ? step.finishReason : 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startFakeOpenAi(options: FakeServerOptions = {}): Promise<FakeOpenAiServer> {
  const requests: FakeRequest[] = []
  const sockets = new Set<Socket>()
  const models = options.models ?? ['fake-vlm']
  const record = options.record ?? true
  let received = 0
  let inFlight = 0
  let maxInFlight = 0
  const state = { script: options.script ?? (() => ({ text: '{"result": 1, "steps": []}' })) }

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').replace(/\?.*$/, '')
    if (req.method === 'GET' && path.endsWith('/models')) {
      return send(
        res,
        200,
        JSON.stringify({
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })),
        }),
      )
    }
    if (req.method !== 'POST' || !path.endsWith('/chat/completions'))
      return send(res, 404, JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }))
    const n = received++
    let body: FakeRequest['body']
    try {
      body = JSON.parse(await readBody(req))
    } catch {
      return send(res, 400, JSON.stringify({ error: { message: 'body is not JSON' } }))
    }
    const request: FakeRequest = { body, authorization: req.headers.authorization, n }
    if (record) requests.push(request)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    try {
      const step = await state.script(request)
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
      if ('hang' in step) return // never answers; close() ends the socket
      if ('malformed' in step) return send(res, 200, '{"id": "chatcmpl-broken", "choices": [{"mess')
      if ('status' in step) {
        const headers: Record<string, string> = {}
        if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter)
        return send(
          res,
          step.status,
          JSON.stringify({ error: { message: step.message ?? `injected HTTP ${step.status}`, type: 'fake' } }),
          headers,
        )
      }
      return send(res, 200, JSON.stringify(completion(body, step, n)))
    } finally {
      inFlight--
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, JSON.stringify({ error: { message: String(e) } })))
  })
  server.keepAliveTimeout = 30_000
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get received() {
      return received
    },
    get inFlight() {
      return inFlight
    },
    get maxInFlight() {
      return maxInFlight
    },
    get script() {
      return state.script
    },
    set script(s: FakeScript) {
      state.script = s
    },
    close() {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
