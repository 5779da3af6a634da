/** A score's last weeks as a small line, for a table cell; its text alternative states first and latest. */
export function Sparkline(props: { history: { day: string; score: number }[] }) {
  const points = props.history.slice(-30);
  const width = 120;
  const height = 28;
  if (points.length === 0) return <span class="muted">no history</span>;
  const x = (i: number) => (points.length === 1 ? width / 2 : (i * (width - 4)) / (points.length - 1) + 2);
  const y = (score: number) => 2 + ((100 - score) * (height - 4)) / 100;
  const first = points[0]!;
  const last = points.at(-1)!;
  const label = points.length === 1
    ? `Score ${Math.round(last.score)} on ${last.day}; one day of history.`
    : `Score from ${Math.round(first.score)} on ${first.day} to ${Math.round(last.score)} on ${last.day}.`;
  return (
    <svg class="spark" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
      <title>{label}</title>
      <line class="axis" x1="0" x2={width} y1={y(60)} y2={y(60)} />
      {points.length > 1 && <polyline class="line" points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')} />}
      <circle class="dot" cx={x(points.length - 1)} cy={y(last.score)} r="2.5" />
    </svg>
  );
}
