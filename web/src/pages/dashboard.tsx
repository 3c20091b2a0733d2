import { useMemo } from 'react'
import { type Dashboard, fmt } from '../api.js'
import { Chart, color, type Series } from '../components/chart.js'
import { useApi } from '../use-api.js'

export function DashboardPage({ runId }: { runId: number }) {
  const { data, error } = useApi<Dashboard>(`api/runs/${runId}/dashboard`)
  const charts = useMemo(() => (data ? build(data) : []), [data])
  if (error) return <p className="error">{error}</p>
  if (!data) return <p className="muted">loading…</p>
  const { run, findings } = data
  return (
    <section>
      <h1>
        {run.name}{' '}
        <span className="muted small">
          {run.source} · {run.steps} steps · {run.groups} groups · {run.rollouts} rollouts
        </span>
      </h1>
      <nav className="tabs">
        <a href={`#/runs/${runId}/explore`}>Explore rollouts</a>
        <a href={`#/runs/${runId}/explore?zeroVariance=true`}>Zero-variance groups</a>
        <a href={`#/runs/${runId}/rescore`}>Re-score with an edited spec</a>
      </nav>
      <div className="grid">
        {charts.map((c) => (
          <Chart key={c.title} title={c.title} x={c.x} series={c.series} xLabel={c.xLabel ?? 'step'} />
        ))}
      </div>
      <h2>Reward-hacking findings</h2>
      {findings.length === 0 ? (
        <p className="muted">No detector fired.</p>
      ) : (
        <table className="rows findings">
          <thead>
            <tr>
              <th>detector</th>
              <th className="num">step</th>
              <th>what</th>
              <th className="num">rollouts</th>
              <th>examples</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => (
              <tr key={f.id}>
                <td>
                  <span className={`badge ${f.severity}`}>{f.detector}</span>
                </td>
                <td className="num">{f.step ?? '–'}</td>
                <td>{f.summary}</td>
                <td className="num">
                  <a href={`#/runs/${runId}/explore?finding=${f.id}`}>{f.rollouts}</a>
                </td>
                <td>
                  {f.sample.slice(0, 4).map((id) => (
                    <a key={id} className="chip" href={`#/rollouts/${id}`}>
                      #{id}
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

interface ChartSpec {
  title: string
  x: number[]
  series: Series[]
  xLabel?: string
}

function build(d: Dashboard): ChartSpec[] {
  const s = d.series
  const x = s.steps
  const keys = Object.keys(s.components).filter((k) => !k.includes('.'))
  const order = [...d.scatter.length.keys()].sort((a, b) => (d.scatter.length[a] ?? 0) - (d.scatter.length[b] ?? 0))
  return [
    {
      title: 'reward: mean ± std per component',
      x,
      series: [
        { label: 'score', values: s.score.map((m) => m.mean), std: s.score.map((m) => m.std), color: color(0) },
        ...keys.map((k, i) => ({
          label: k,
          values: (s.components[k] ?? []).map((m) => m.mean),
          std: (s.components[k] ?? []).map((m) => m.std),
          color: color(i + 1),
        })),
      ],
    },
    {
      title: 'zero-variance groups (fraction)',
      x,
      series: [{ label: 'zero-variance', values: s.zeroVarianceFraction, color: color(3) }],
    },
    {
      title: 'invalid, format-failure and truncation rates',
      x,
      series: [
        { label: 'invalid', values: s.invalidRate, color: color(1) },
        { label: 'format failure', values: s.formatFailureRate, color: color(4) },
        { label: 'truncated', values: s.truncatedRate, color: color(5) },
      ],
    },
    {
      title: 'length: mean ± std, and its correlation with reward',
      x,
      series: [
        { label: 'mean length', values: s.length.map((m) => m.mean), std: s.length.map((m) => m.std), color: color(2) },
      ],
    },
    {
      title: 'length–reward correlation (Pearson r)',
      x,
      series: [
        {
          label: 'r',
          values: s.lengthScoreCorr.map((v) => (v === null || Number.isNaN(v) ? null : v)),
          color: color(6),
        },
      ],
    },
    {
      title: 'reward against length (sample)',
      x: order.map((i) => d.scatter.length[i] ?? 0),
      xLabel: 'length',
      series: [{ label: 'score', values: order.map((i) => d.scatter.score[i] ?? null), color: color(0), points: true }],
    },
    {
      title: `judge cost per step (USD, total ${fmt(
        s.judgeCost.reduce((a, b) => a + b, 0),
        4,
      )})`,
      x,
      series: [{ label: 'USD', values: s.judgeCost, color: color(7) }],
    },
  ]
}
