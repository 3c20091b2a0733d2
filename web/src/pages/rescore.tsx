import { useEffect, useState } from 'react'
import { api, fmt, type RescoreSummary, type RunInfo } from '../api.js'
import { useApi } from '../use-api.js'

/** Edit the run's spec, re-score its stored rollouts, and see old and new scores side by side. */
export function RescorePage({ runId }: { runId: number }) {
  const run = useApi<RunInfo>(`api/runs/${runId}`).data
  const [spec, setSpec] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [result, setResult] = useState<RescoreSummary>()
  useEffect(() => {
    if (run?.specText && !spec) setSpec(run.specText)
  }, [run, spec])
  const submit = async () => {
    setBusy(true)
    setError(undefined)
    try {
      setResult(
        await api<RescoreSummary>(`api/runs/${runId}/rescore`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ spec }),
        }),
      )
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section>
      <h1>
        Re-score <span className="muted small">{run?.name}</span>
      </h1>
      <div className="rescore">
        <div>
          <label htmlFor="spec">reward spec (YAML or JSON)</label>
          <textarea
            id="spec"
            name="spec"
            spellCheck={false}
            value={spec}
            onChange={(e) => setSpec(e.target.value)}
            rows={14}
          />
          <button type="button" onClick={submit} disabled={busy || !spec.trim()}>
            {busy ? 'scoring…' : 'Re-score the run'}
          </button>
          {error && <pre className="error">{error}</pre>}
        </div>
        {result && (
          <div className="rescore-result" aria-live="polite">
            <p>
              {result.scored} rollouts re-scored · mean <b>{fmt(result.oldMean)}</b> → <b>{fmt(result.newMean)}</b> ·{' '}
              {result.changed} changed
            </p>
            <table className="rows" aria-label="old and new scores">
              <thead>
                <tr>
                  <th>rollout</th>
                  <th className="num">step</th>
                  <th className="num">old</th>
                  <th className="num">new</th>
                  <th className="num">Δ</th>
                  <th>reason</th>
                </tr>
              </thead>
              <tbody>
                {result.diffs.slice(0, 100).map((d) => (
                  <tr key={d.rolloutId}>
                    <td>
                      <a href={`#/rollouts/${d.rolloutId}`}>#{d.rolloutId}</a>
                    </td>
                    <td className="num">{d.step}</td>
                    <td className="num old">{fmt(d.old)}</td>
                    <td className="num new">{fmt(d.new)}</td>
                    <td className={`num ${d.new > d.old ? 'pos' : d.new < d.old ? 'neg' : ''}`}>
                      {fmt(d.new - d.old)}
                    </td>
                    <td className="muted">{d.reasonCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  )
}
