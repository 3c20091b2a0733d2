import { fmt, type PromptHistoryEntry } from '../api.js'
import { Chart, color } from '../components/chart.js'
import { useApi } from '../use-api.js'

/** One prompt followed across training steps: its group's mean reward, spread and best rollout at each step. */
export function PromptPage({ promptId }: { promptId: number }) {
  const { data, error } = useApi<{ history: PromptHistoryEntry[] }>(`api/prompts/${promptId}/history`)
  if (error) return <p className="error">{error}</p>
  const h = data?.history ?? []
  return (
    <section>
      <h1>Prompt across steps</h1>
      {h.length > 1 && (
        <Chart
          title="group mean ± std"
          x={h.map((e) => e.step)}
          series={[{ label: 'mean', values: h.map((e) => e.mean), std: h.map((e) => e.std), color: color(0) }]}
        />
      )}
      <table className="rows">
        <thead>
          <tr>
            <th className="num">step</th>
            <th className="num">n</th>
            <th className="num">mean</th>
            <th className="num">std</th>
            <th>best rollout</th>
          </tr>
        </thead>
        <tbody>
          {h.map((e) => (
            <tr key={e.groupId}>
              <td className="num">
                <a href={`#/groups/${e.groupId}`}>{e.step}</a>
              </td>
              <td className="num">{e.n}</td>
              <td className="num">{fmt(e.mean)}</td>
              <td className="num">
                {fmt(e.std)} {e.zeroVariance && <span className="badge warn">zero-var</span>}
              </td>
              <td className="snippet">
                {e.best && (
                  <a href={`#/rollouts/${e.best.id}`}>
                    {fmt(e.best.score)} · {e.best.snippet}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
