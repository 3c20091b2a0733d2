/**
 * Listening on a socket, and graceful shutdown: on `close()` the server stops accepting connections, answers
 * 503 to new requests on open keep-alive connections, lets in-flight batches finish (up to `graceMs`), then
 * closes what is left.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
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
    http.once('error', reject)
    http.listen(port, host, () => {
      http.off('error', reject)
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
