/** One line of a stacked chart: its name and a count per bucket. */
export interface VolumeSeries { name: string; counts: number[] }

/** Series drawn in their own colour; the rest are summed into "other" so the colours stay tellable apart. */
const MAX_SERIES = 6;

/**
 * Volume over time split by one dimension (event type, CRM, destination): stacked bars per day or week,
 * inline SVG styled by console.css, with a legend beside it. The picture carries a text summary for
 * screen readers (its aria-label); each segment names its bucket, series and count on hover.
 */
export function StackedVolumeChart(props: { id: string; label: string; buckets: string[]; series: VolumeSeries[] }) {
  const series = foldSeries(props.series, props.buckets.length);
  // Drawn at about the size it is shown (two or three to a row), so its labels stay legible.
  const width = 460;
  const height = 170;
  const pad = { left: 36, right: 8, top: 8, bottom: 22 };
  const totals = props.buckets.map((_, i) => series.reduce((s, line) => s + line.counts[i]!, 0));
  const max = Math.max(1, ...totals);
  const slot = (width - pad.left - pad.right) / Math.max(1, props.buckets.length);
  const y = (n: number) => pad.top + ((max - n) * (height - pad.top - pad.bottom)) / max;
  const total = totals.reduce((a, b) => a + b, 0);
  const summary = total === 0 ? `${props.label}: no events.`
    : `${props.label}: ${total} events from ${props.buckets[0]} to ${props.buckets.at(-1)}; ${series.map((s) => `${s.name} ${s.counts.reduce((a, b) => a + b, 0)}`).join(', ')}.`;
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>{props.label}</figcaption>
      <svg class="trend volume stacked" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        {[0, max].map((v) => (
          <g>
            <line class="axis" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
            <text x={pad.left - 4} y={y(v) + 4} text-anchor="end">{v}</text>
          </g>
        ))}
        {props.buckets.map((bucket, i) => {
          let base = 0;
          return series.map((line, s) => {
            const n = line.counts[i]!;
            if (n === 0) return null;
            const top = base + n;
            const rect = <rect class={`bar series-${s}`} x={pad.left + i * slot + 1} y={y(top)} width={Math.max(1, slot - 2)} height={y(base) - y(top)}><title>{`${bucket}, ${line.name}: ${n}`}</title></rect>;
            base = top;
            return rect;
          });
        })}
        {props.buckets[0] && <text x={pad.left} y={height - 6}>{props.buckets[0]}</text>}
        {props.buckets.length > 1 && <text x={width - pad.right} y={height - 6} text-anchor="end">{props.buckets.at(-1)}</text>}
      </svg>
      {series.length > 0 && (
        <ul class="legend">
          {series.map((line, s) => <li><span class={`swatch series-${s}`} aria-hidden="true" />{line.name} <span class="muted">{line.counts.reduce((a, b) => a + b, 0)}</span></li>)}
        </ul>
      )}
    </figure>
  );
}

/** The biggest series by total, and the others summed as "other". */
function foldSeries(series: VolumeSeries[], buckets: number): VolumeSeries[] {
  const sum = (s: VolumeSeries) => s.counts.reduce((a, b) => a + b, 0);
  const sorted = series.filter((s) => sum(s) > 0).sort((a, b) => sum(b) - sum(a) || a.name.localeCompare(b.name));
  if (sorted.length <= MAX_SERIES) return sorted;
  const kept = sorted.slice(0, MAX_SERIES - 1);
  const other = { name: 'other', counts: Array.from({ length: buckets }, (_, i) => sorted.slice(MAX_SERIES - 1).reduce((s, line) => s + line.counts[i]!, 0)) };
  return [...kept, other];
}
