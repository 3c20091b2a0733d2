import { useCallback } from 'react'
import type { RunInfo } from '../api.js'
import { useListKeys } from '../components/keys.js'
import { go } from '../router.js'
import { useApi } from '../use-api.js'

export function RunsPage() {
  const { data, error } = useApi<{ runs: RunInfo[] }>('api/runs')
  const runs = data?.runs ?? []
  const open = useCallback((i: number) => runs[i] && go(`/runs/${runs[i].id}`), [runs])
  const [sel] = useListKeys(runs.length, open)
  if (error) return <p className="error">{error}</p>
  return (
    <section>
      <h1>Runs</h1>
      <table className="rows">
        <thead>
          <tr>
            <th>run</th>
            <th>source</th>
            <th className="num">steps</th>
            <th className="num">groups</th>
            <th className="num">rollouts</th>
            <th className="num">findings</th>
            <th>components</th>
            <th>created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <tr key={r.id} data-row={i} className={i === sel ? 'sel' : ''}>
              <td>
                <a href={`#/runs/${r.id}`}>{r.name}</a>
              </td>
              <td>{r.source}</td>
              <td className="num">{r.steps}</td>
              <td className="num">{r.groups}</td>
              <td className="num">{r.rollouts}</td>
              <td className="num">{r.findings > 0 ? <span className="badge high">{r.findings}</span> : 0}</td>
              <td className="muted">{r.componentKeys.join(', ')}</td>
              <td className="muted">{r.createdAt.slice(0, 19).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length === 0 && !error && (
        <p className="muted">No runs yet: `sightline import` a trainer dump, or POST /v1/score with a "run".</p>
      )}
    </section>
  )
}
