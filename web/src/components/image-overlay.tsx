import type { OverlayShapes, StoredImage } from '../api.js'

/**
 * The image the policy saw, with ground-truth (green) and predicted (orange, dashed) boxes and points drawn in
 * original-image pixels: the SVG's viewBox is the image's own size, so the browser maps pixels to the displayed
 * size and the shapes land where the reward scored them.
 */
export function ImageOverlay({
  image,
  gt,
  predicted,
  maxWidth = 480,
}: {
  image: StoredImage
  gt?: OverlayShapes | undefined
  predicted?: OverlayShapes[] | undefined
  maxWidth?: number
}) {
  const w = image.width ?? 0
  const h = image.height ?? 0
  if (!image.sha256) return <div className="muted">image not stored{image.path ? ` (${image.path})` : ''}</div>
  const shown = w > 0 ? Math.min(maxWidth, w) : maxWidth
  // shapes are positional (never reordered), so their position is their identity
  const gtBoxes = (gt?.boxes ?? []).map((b, i) => ({ id: `g${i}`, b }))
  const gtPoints = (gt?.points ?? []).map((p, i) => ({ id: `gp${i}`, p }))
  const predBoxes = (predicted ?? []).flatMap((s, k) => s.boxes.map((b, i) => ({ id: `p${k}-${i}`, k, b })))
  const predPoints = (predicted ?? []).flatMap((s, k) => s.points.map((p, i) => ({ id: `pp${k}-${i}`, p })))
  return (
    <figure className="overlay" style={{ width: shown }} data-width={w} data-height={h}>
      <img
        src={`api/images/${image.sha256}`}
        alt={`what the policy saw, ${w}×${h}`}
        width={shown}
        height={w > 0 ? (shown * h) / w : undefined}
      />
      {w > 0 && h > 0 && (
        <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true">
          {gtBoxes.map(({ id, b }) => (
            <rect
              key={id}
              className="gt"
              data-box={b.join(',')}
              x={b[0]}
              y={b[1]}
              width={(b[2] ?? 0) - (b[0] ?? 0)}
              height={(b[3] ?? 0) - (b[1] ?? 0)}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {gtPoints.map(({ id, p }) => (
            <circle key={id} className="gt" cx={p[0]} cy={p[1]} r={Math.max(w, h) / 120} />
          ))}
          {predBoxes.map(({ id, k, b }) => (
            <rect
              key={id}
              className={`pred pred-${k % 8}`}
              data-box={b.map((v) => v.toFixed(1)).join(',')}
              x={b[0]}
              y={b[1]}
              width={Math.max(0, (b[2] ?? 0) - (b[0] ?? 0))}
              height={Math.max(0, (b[3] ?? 0) - (b[1] ?? 0))}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {predPoints.map(({ id, p }) => (
            <circle key={id} className="pred" cx={p[0]} cy={p[1]} r={Math.max(w, h) / 120} />
          ))}
        </svg>
      )}
      <figcaption>
        {w}×{h} px · <span className="key-gt">■ ground truth</span> <span className="key-pred">▢ predicted</span>
      </figcaption>
    </figure>
  )
}
