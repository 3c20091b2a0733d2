/**
 * Runs the fake OpenAI server in its own process (for benchmarks, so its CPU is not counted against the client):
 * `node --import tsx src/judge/testing/fake-openai-process.ts <latencyMs>` prints `{"url": ...}` on stdout and
 * answers every chat completion with `{"result": 0.5}` until killed.
 */
import { startFakeOpenAi } from './fake-openai-server.js'

const latencyMs = Number(process.argv[2] ?? 0)
const server = await startFakeOpenAi({ latencyMs, record: false, script: () => ({ text: '{"result": 0.5}' }) })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0))
})
