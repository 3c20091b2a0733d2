/**
 * A `fetch` for the openai package over node:http / node:https with a keep-alive agent sized to the endpoint's
 * concurrency limit. Why not a library: measured with the openai package against the fake server in another
 * process (50 ms latency, 64 in flight, 2 shared cores; client CPU a call once the JIT settled, lightly / heavily
 * loaded machine): Node 20's global fetch 0.8 / 2.1 ms, the `undici` npm package's fetch (7.x) with a keep-alive
 * `Agent({ connections: 64 })` 0.7–0.9 / 1.5 ms, this adapter 0.45–0.5 / 1.0 ms (node:http alone: 0.26 ms). Both
 * fetches carry the WHATWG machinery (a stream for every body, Request/Response bookkeeping), so the library was
 * not within the ~20 % that would have made it the better choice, and this stays small on purpose: buffered
 * bodies only (judge requests and replies are JSON; no streaming), the caller's AbortSignal honoured at every
 * stage (openai's per-attempt timeout is an AbortSignal), errors shaped like fetch's (`TypeError('fetch
 * failed', { cause })`; an abort rejects with the signal's reason), redirects followed, gzip/deflate/br replies
 * decoded, a stale keep-alive socket retried once, and a real `Response` returned.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { brotliDecompress, gunzip, inflate } from 'node:zlib'

export interface HttpFetchOptions {
  /** sockets per origin, in use and idle; the judge client passes its concurrency limit */
  maxSockets: number
  /**
   * Idle keep-alive sockets are closed after this long, ms; default 4 000: under the 5 s idle timeout of uvicorn
   * (vLLM, SGLang) and Node servers, so the client, not the server, closes an idle socket. A server's
   * `Keep-Alive: timeout=N` hint shortens it further (Node's agent reads it).
   */
  idleTimeoutMs?: number
  /** largest reply body read, bytes; default 64 MiB (a judge reply is a few KiB) */
  maxBodyBytes?: number
}

/** The subset of fetch the openai package calls. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

export interface HttpFetch {
  fetch: FetchLike
  /** destroys the agents' sockets, idle and in use (a request in flight then fails) */
  close(): void
}

const MAX_REDIRECTS = 20
/** statuses whose Response must have a null body (the Response constructor throws otherwise) */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

const failed = (cause: unknown) => new TypeError('fetch failed', { cause })

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError')

/** A request body as sent: strings go to the socket as they are (no copy into a Buffer first). */
type Body = string | Buffer | undefined

function toBody(body: RequestInit['body']): Body {
  if (body == null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof URLSearchParams) return body.toString()
  throw new TypeError('httpFetch sends string, ArrayBuffer, typed-array and URLSearchParams bodies only')
}

const UTF8_BOM = 0xfeff

interface Buffered {
  readonly bytes: Buffer | null
  readonly url: string
  readonly redirected: boolean
  used: boolean
  /** a stock Response over the same bytes, made when someone asks for the stream */
  stream: Response | undefined
}
const BUFFERED = Symbol('buffered')

/**
 * A real `Response` (status, headers, `instanceof Response`) over a body already read into memory. `new
 * Response(buffer)` builds a WHATWG ReadableStream at once, and reading it back costs ~50 µs a reply — a tenth of
 * a judge call's CPU; here `json()` and `text()` decode the buffer directly, and the stream is built only if
 * someone asks for `body` (from then on every read goes through it, so `bodyUsed` stays truthful). The accessors
 * and methods are put on the prototype below because Node's type declarations make them properties, which a
 * class body cannot override.
 */
class BufferedResponse extends Response {
  readonly [BUFFERED]: Buffered
  constructor(bytes: Buffer | null, init: ResponseInit, url: string, redirected: boolean) {
    super(null, init)
    this[BUFFERED] = { bytes, url, redirected, used: false, stream: undefined }
  }
}

const streamed = (r: BufferedResponse): Response => {
  const b = r[BUFFERED]
  b.stream ??= new Response(b.bytes, { status: r.status, statusText: r.statusText, headers: r.headers })
  return b.stream
}
const used = (b: Buffered) => b.used || (b.stream?.bodyUsed ?? false)
const take = (r: BufferedResponse): Buffer => {
  const b = r[BUFFERED]
  if (used(b)) throw new TypeError('Body is unusable: Body has already been read')
  if (b.stream) throw new TypeError('Body is unusable: its stream is in use')
  b.used = true
  return b.bytes ?? Buffer.alloc(0)
}
const textOf = (r: BufferedResponse): string => {
  const s = take(r).toString('utf8')
  return s.charCodeAt(0) === UTF8_BOM ? s.slice(1) : s // fetch's UTF-8 decode drops a BOM
}
const copyOut = (r: BufferedResponse): ArrayBuffer => {
  const b = take(r)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}
const method = (value: (this: BufferedResponse) => unknown): PropertyDescriptor => ({
  value,
  writable: true,
  configurable: true,
})
Object.defineProperties(BufferedResponse.prototype, {
  url: {
    get: function (this: BufferedResponse) {
      return this[BUFFERED].url
    },
    configurable: true,
  },
  redirected: {
    get: function (this: BufferedResponse) {
      return this[BUFFERED].redirected
    },
    configurable: true,
  },
  body: {
    get: function (this: BufferedResponse) {
      return this[BUFFERED].bytes === null ? null : streamed(this).body
    },
    configurable: true,
  },
  bodyUsed: {
    get: function (this: BufferedResponse) {
      return used(this[BUFFERED])
    },
    configurable: true,
  },
  text: method(async function () {
    return textOf(this)
  }),
  json: method(async function () {
    return JSON.parse(textOf(this))
  }),
  arrayBuffer: method(async function () {
    return copyOut(this)
  }),
  bytes: method(async function () {
    return new Uint8Array(copyOut(this))
  }),
  blob: method(async function () {
    return new Blob([copyOut(this)], { type: this.headers.get('content-type') ?? '' })
  }),
  formData: method(function () {
    return streamed(this).formData()
  }),
  clone: method(function () {
    const b = this[BUFFERED]
    if (used(b)) throw new TypeError('Response.clone: Body has already been consumed.')
    if (b.stream) return b.stream.clone()
    const init = { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) }
    return new BufferedResponse(b.bytes, init, b.url, b.redirected)
  }),
})

function headerObject(h: RequestInit['headers'], into: OutgoingHttpHeaders): void {
  if (!h) return
  if (h instanceof Headers) for (const [k, v] of h) into[k] = v
  else if (Array.isArray(h)) for (const [k, v] of h) into[(k as string).toLowerCase()] = v as string
  else for (const k of Object.keys(h)) into[k.toLowerCase()] = (h as Record<string, string>)[k] as string
}

/** The body decoded as fetch does (gzip, deflate, br); an unknown coding is handed on as it is, like fetch. */
async function decode(buf: Buffer, encoding: string): Promise<Buffer> {
  const e = encoding.trim().toLowerCase()
  const fn = e === 'gzip' || e === 'x-gzip' ? gunzip : e === 'deflate' ? inflate : e === 'br' ? brotliDecompress : null
  if (!fn || buf.length === 0) return buf
  return new Promise((resolve, reject) => fn(buf, (err, out) => (err ? reject(failed(err)) : resolve(out))))
}

interface Attempt {
  url: URL
  method: string
  headers: OutgoingHttpHeaders
  body: Body
}

/** Creates a fetch over node:http(s) with one keep-alive agent per protocol. */
export function createHttpFetch({
  maxSockets,
  idleTimeoutMs = 4_000,
  maxBodyBytes = 64 * 1024 * 1024,
}: HttpFetchOptions): HttpFetch {
  if (!(Number.isInteger(maxSockets) && maxSockets >= 1))
    throw new RangeError(`maxSockets must be a whole number ≥ 1, got ${maxSockets}`)
  // `timeout` on a keep-alive agent is the idle timeout of free sockets (Node destroys a free socket on it; a
  // socket in use only emits 'timeout', which nothing here listens to: request deadlines are the AbortSignal's).
  const agentOptions = {
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    timeout: idleTimeoutMs,
    scheduling: 'lifo' as const,
  }
  const http = new HttpAgent(agentOptions)
  const https = new HttpsAgent(agentOptions)

  /** One request/response; `retryStale`: a reused keep-alive socket the server closed under us is retried once. */
  const send = (
    a: Attempt,
    signal: AbortSignal | null | undefined,
    retryStale: boolean,
  ): Promise<[IncomingMessage, Buffer]> =>
    new Promise((resolve, reject) => {
      const secure = a.url.protocol === 'https:'
      const req = (secure ? httpsRequest : httpRequest)({
        protocol: a.url.protocol,
        hostname: a.url.hostname.startsWith('[') ? a.url.hostname.slice(1, -1) : a.url.hostname,
        port: a.url.port,
        path: a.url.pathname + a.url.search,
        auth: a.url.username ? `${decodeURIComponent(a.url.username)}:${decodeURIComponent(a.url.password)}` : null,
        method: a.method,
        headers: a.headers,
        agent: secure ? https : http,
      })
      let settled = false
      let responded = false
      const finish = (e: unknown, ok?: [IncomingMessage, Buffer]) => {
        if (settled) return
        settled = true
        signal?.removeEventListener('abort', onAbort)
        if (ok) resolve(ok)
        else reject(e)
      }
      const onAbort = () => {
        const reason = signal ? abortReason(signal) : undefined
        req.destroy()
        finish(reason)
      }
      if (signal) signal.addEventListener('abort', onAbort, { once: true })
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (settled) return
        // the documented pattern for keep-alive races (node's http docs, `request.reusedSocket`)
        if (
          retryStale &&
          !responded &&
          req.reusedSocket &&
          (e.code === 'ECONNRESET' || e.code === 'EPIPE') &&
          !signal?.aborted
        ) {
          settled = true
          signal?.removeEventListener('abort', onAbort)
          send(a, signal, false).then(resolve, reject)
          return
        }
        finish(failed(e))
      })
      req.on('response', (res) => {
        responded = true
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size > maxBodyBytes) {
            req.destroy()
            finish(failed(new Error(`reply body over ${maxBodyBytes} bytes`)))
          } else chunks.push(c)
        })
        res.on('error', (e) => finish(failed(e)))
        res.on('end', () => {
          if (res.complete)
            finish(undefined, [res, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)])
        })
        // after 'end' this does nothing; before it, the server hung up mid-reply
        res.on('close', () => finish(failed(new Error('the server closed the connection mid-reply'))))
      })
      req.end(a.body)
    })

  // openai asks for the same few URLs again and again: parse each once (never mutated here)
  const parsed = new Map<string, URL>()
  const parse = (text: string): URL => {
    let u = parsed.get(text)
    if (!u) {
      u = new URL(text)
      if (parsed.size >= 64) parsed.clear()
      parsed.set(text, u)
    }
    return u
  }

  const fetch: FetchLike = async (input, init = {}) => {
    let url: URL
    let method = init.method?.toUpperCase() ?? 'GET'
    const headers: OutgoingHttpHeaders = {}
    let body: Body
    let signal = init.signal
    if (input instanceof Request) {
      url = new URL(input.url)
      if (!init.method) method = input.method
      headerObject(input.headers, headers)
      body = init.body === undefined && input.body ? Buffer.from(await input.arrayBuffer()) : undefined
      signal ??= input.signal
    } else url = input instanceof URL ? input : parse(input)
    if (signal?.aborted) throw abortReason(signal)
    headerObject(init.headers, headers)
    body ??= toBody(init.body)
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw failed(new Error(`unsupported protocol ${url.protocol}`))
    if (body !== undefined) headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.length
    else if (method !== 'GET' && method !== 'HEAD') headers['content-length'] = 0

    for (let hops = 0; ; hops++) {
      const [res, raw] = await send({ url, method, headers, body }, signal, true)
      const status = res.statusCode ?? 0
      const location = res.headers.location
      if (init.redirect !== 'manual' && location && [301, 302, 303, 307, 308].includes(status)) {
        if (init.redirect === 'error') throw failed(new Error(`redirected (${status}) with redirect: 'error'`))
        if (hops >= MAX_REDIRECTS) throw failed(new Error('too many redirects'))
        const next = new URL(location, url)
        if (next.origin !== url.origin) delete headers.authorization // as fetch does across origins
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET'
          body = undefined
          delete headers['content-length']
          delete headers['content-type']
        }
        url = next
        continue
      }
      if (status < 200 || status > 599) throw failed(new Error(`unexpected HTTP status ${status}`))
      const out = new Headers()
      const rh = res.rawHeaders
      const encoding = res.headers['content-encoding']
      const decoded = encoding && encoding !== 'identity' ? await decode(raw, encoding) : raw
      for (let i = 0; i + 1 < rh.length; i += 2) {
        const k = rh[i] as string
        if (decoded !== raw && (k.length === 16 || k.length === 14) && /^content-(encoding|length)$/i.test(k)) continue
        out.append(k, rh[i + 1] as string)
      }
      const response = new BufferedResponse(
        NULL_BODY.has(status) || method === 'HEAD' ? null : decoded,
        { status, statusText: res.statusMessage ?? '', headers: out },
        url.href,
        hops > 0,
      )
      return response
    }
  }

  return {
    fetch,
    close() {
      http.destroy()
      https.destroy()
    },
  }
}
