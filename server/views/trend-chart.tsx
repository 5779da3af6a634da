/**
 * A score's history as inline SVG (no chart library, nothing loaded from elsewhere): a line over the
 * days, with the level boundaries (30, 60, 80) drawn as guides. Styled by console.css, not attributes
 * the CSP would block (SVG presentation attributes are not inline styles, but classes keep it in one place).
 */
export function TrendChart(props: { history: { day: string; score: number }[]; label: string }) {
  const width = 640;
  const height = 180;
  const pad = { left: 32, right: 8, top: 8, bottom: 22 };
  const points = props.history;
  const x = (i: number) => pad.left + (points.length <= 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (score: number) => pad.top + ((100 - score) * (height - pad.top - pad.bottom)) / 100;
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  const summary = last
    ? `${props.label}: ${points.length} day${points.length === 1 ? '' : 's'} from ${points[0]!.day} to ${last.day}; latest score ${Math.round(last.score)}.`
    : `${props.label}: no history yet.`;
  return (
    <svg class="trend" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
      <title>{summary}</title>
      <rect class="band" x={pad.left} y={y(100)} width={width - pad.left - pad.right} height={y(60) - y(100)} />
      {[0, 30, 60, 80, 100].map((v) => (
        <g>
          <line class="axis" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
          <text x={pad.left - 4} y={y(v) + 4} text-anchor="end">{v}</text>
        </g>
      ))}
      {points.length > 1 && <polyline class="line" points={line} />}
      {points.map((p, i) => <circle cx={x(i)} cy={y(p.score)} r={points.length > 60 ? 1.5 : 3} class="line" />)}
      {/* One day of history is a dot, not a trend: say so where the line would be. */}
      {points.length === 1 && <text x={(width + pad.left) / 2} y={pad.top + 14} text-anchor="middle">First scored on {points[0]!.day}; the trend starts from the second day.</text>}
      {points[0] && <text x={pad.left} y={height - 6}>{points[0].day}</text>}
      {last && points.length > 1 && <text x={width - pad.right} y={height - 6} text-anchor="end">{last.day}</text>}
    </svg>
  );
}
