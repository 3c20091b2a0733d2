import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface Series {
  label: string
  values: (number | null)[]
  color: string
  /** drawn as points only (scatter) */
  points?: boolean
  /** a band of ±std around the values */
  std?: (number | null)[]
}

const PALETTE = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285', '#c2255c', '#5c940d']
export const color = (i: number): string => PALETTE[i % PALETTE.length] as string

/** A uPlot line chart (or scatter) over `x`, sized to its container's width. */
export function Chart({
  title,
  x,
  series,
  xLabel = 'step',
  height = 180,
}: {
  title: string
  x: number[]
  series: Series[]
  xLabel?: string
  height?: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const data: uPlot.AlignedData = [x, ...series.map((s) => s.values)]
    const bands: uPlot.Band[] = []
    const extra: uPlot.Series[] = []
    for (const s of series) {
      if (!s.std) continue
      const lo = s.values.map((v, k) => (v === null ? null : v - (s.std?.[k] ?? 0)))
      const hi = s.values.map((v, k) => (v === null ? null : v + (s.std?.[k] ?? 0)))
      data.push(hi, lo)
      const at = data.length - 2
      extra.push(
        { label: `${s.label} +σ`, stroke: 'transparent', points: { show: false } },
        { label: `${s.label} −σ`, stroke: 'transparent', points: { show: false } },
      )
      bands.push({ series: [at, at + 1], fill: `${s.color}22` })
    }
    const plot = new uPlot(
      {
        title,
        width: Math.max(240, el.clientWidth),
        height,
        scales: { x: { time: false } },
        axes: [{ label: xLabel }, {}],
        legend: { show: true, live: false },
        bands,
        series: [
          { label: xLabel },
          ...series.map((s) =>
            s.points
              ? { label: s.label, stroke: s.color, paths: () => null, points: { show: true, size: 3, fill: s.color } }
              : { label: s.label, stroke: s.color, width: 2 },
          ),
          ...extra,
        ],
      },
      data,
      el,
    )
    // the ±σ band edges are series too (uPlot bands fill between series); keep them out of the legend
    plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series').forEach((row, i) => {
      if (i > series.length) row.style.display = 'none'
    })
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [title, x, series, xLabel, height])
  return <div className="chart" ref={ref} role="img" aria-label={title} />
}
