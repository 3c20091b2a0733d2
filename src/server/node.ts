/**
 * Listening on a socket, and graceful shutdown: on `close()` the server stops accepting connections, answers
 * 503 to new requests on open keep-alive connections, lets in-flight batches finish (up to `graceMs`), then
 * closes what is left.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { RewardEngineError } from '../core/index.js'
import type { ServerApp } from './app.js'

export interface ListenOptions {
  host?: string
  /** 0 picks a free port */
  port?: number
  /** how long in-flight requests may run after shutdown begins, ms. Default 30 000 */
  graceMs?: number
  /** a client must send its headers within this, ms (slow-client defence). Default 30 000 */
  headersTimeoutMs?: number
  /** ... and its whole request within this, ms. Default 120 000 */
  requestTimeoutMs?: number
}

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly host: string
  /** graceful shutdown; resolves when every connection is closed */
  close(): Promise<void>
}

/** The socket could not be opened (the port is taken, say): one line naming the address, for the CLI's exit 2. */
export class ListenError extends RewardEngineError {
  /** `host:port` as asked for */
  readonly address: string
  /** Node's error code, e.g. EADDRINUSE */
  readonly errno: string | undefined
  constructor(address: string, error: NodeJS.ErrnoException) {
    super('listen_failed', `cannot listen on ${address}: ${listenProblem(error)}`)
    this.name = 'ListenError'
    this.address = address
    this.errno = error.code
  }
}

function listenProblem(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'EADDRINUSE':
      return 'the port is already in use (another server?); pick another --port, or 0 for a free one'
    case 'EACCES':
      return 'permission denied (ports below 1024 need privileges); pick another --port'
    case 'EADDRNOTAVAIL':
      return 'the address is not one of this machine; check --host'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve; check --host'
    default:
      return e.message
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

/** Whether a bind address is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.')
}

export function listen(server: ServerApp, options: ListenOptions = {}): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 8787, graceMs = 30_000 } = options
  const headersTimeout = options.headersTimeoutMs ?? 30_000
  const requestTimeout = options.requestTimeoutMs ?? 120_000
  const http = createAdaptorServer({
    fetch: server.app.fetch,
    autoCleanupIncoming: true,
    serverOptions: {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: 65_000,
      // how often Node checks those timeouts (default 30 s); a tenth of the shorter one, at least 100 ms
      connectionsCheckingInterval: Math.max(100, Math.min(headersTimeout, requestTimeout) / 10),
    },
  }) as Server
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => {
      const shown = host.includes(':') ? `[${host}]` : host
      reject(new ListenError(`${shown}:${port}`, e))
    }
    http.once('error', failed)
    http.listen(port, host, () => {
      http.off('error', failed)
      const address = http.address() as AddressInfo
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
      let closing: Promise<void> | undefined
      resolve({
        url: `http://${shown}:${address.port}`,
        port: address.port,
        host: address.address,
        close: () => {
          closing ??= new Promise<void>((done) => {
            server.drain()
            const force = setTimeout(() => http.closeAllConnections(), graceMs)
            // keep-alive connections become idle as their last response is sent: close each as soon as it is
            const sweep = setInterval(() => http.closeIdleConnections(), 50)
            force.unref()
            http.close(() => {
              clearTimeout(force)
              clearInterval(sweep)
              done()
            })
            http.closeIdleConnections()
          })
          return closing
        },
      })
    })
  })
}
