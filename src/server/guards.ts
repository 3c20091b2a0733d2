/**
 * What keeps a web page the operator visits from using the server. A page may POST to any address, loopback
 * included, without asking first only with a form or text/plain body (or none): requiring `application/json`
 * forces the browser's CORS preflight, which this server never grants. A page may also rebind its own name to
 * 127.0.0.1 (DNS rebinding) and become same-origin; its name stays in the Host header, so a server without a
 * token answers only loopback names. Trainers send JSON to 127.0.0.1 or localhost, and the inspector calls its
 * own origin: neither notices.
 */
import type { MiddlewareHandler } from 'hono'
import { HttpError } from './errors.js'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const PORT = /^\d{1,5}$/
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/**
 * Whether a Host header names this machine only: localhost, *.localhost, 127.0.0.0/8 or [::1], with any port.
 * @example isLoopbackHost('localhost:8787') //= true
 * @example isLoopbackHost('attacker.example:8787') //= false
 */
export function isLoopbackHost(host: string): boolean {
  let name = host.trim().toLowerCase()
  let port = ''
  if (name.startsWith('[')) {
    const close = name.indexOf(']')
    if (close < 0) return false
    port = name.slice(close + 1)
    name = name.slice(1, close)
    if (port !== '' && !(port.startsWith(':') && PORT.test(port.slice(1)))) return false
    return name === '::1'
  }
  const colon = name.lastIndexOf(':')
  if (colon >= 0) {
    if (!PORT.test(name.slice(colon + 1))) return false
    name = name.slice(0, colon)
  }
  if (name.endsWith('.')) name = name.slice(0, -1)
  return name === 'localhost' || name.endsWith('.localhost') || IPV4_LOOPBACK.test(name)
}

/**
 * Refuses (403 `bad_host`) a request whose Host is not a loopback name. A request without Host passes: no
 * browser sends one (Node refuses HTTP/1.1 without it; `app.request()` in tests has none).
 */
export function loopbackHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host')
    if (host === undefined || isLoopbackHost(host)) return next()
    throw new HttpError(
      403,
      'bad_host',
      `Host "${host.slice(0, 200)}" is not a loopback name; without --token this server answers only localhost, ` +
        '127.0.0.1 and [::1] (a defence against DNS rebinding). Use one of those, or serve with --token',
    )
  }
}

/** Whether a Content-Type header is `application/json`, parameters (`; charset=utf-8`) allowed. */
export function isJsonMediaType(type: string | undefined): boolean {
  if (type === undefined) return false
  const semi = type.indexOf(';')
  return (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase() === 'application/json'
}

/** Refuses (415 `unsupported_media_type`) a POST, PUT, PATCH or DELETE that does not say its body is JSON. */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method)) return next()
    const type = c.req.header('content-type')
    if (isJsonMediaType(type)) return next()
    throw new HttpError(
      415,
      'unsupported_media_type',
      `${c.req.method} bodies must be JSON with "Content-Type: application/json"; got ${
        type === undefined ? 'no Content-Type' : `"${type.slice(0, 200)}"`
      }`,
    )
  }
}
