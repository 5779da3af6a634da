/** Events per day as bars (inline SVG, styled by console.css): the shape of activity at a glance. */
export function VolumeChart(props: { days: { day: string; count: number }[]; label: string }) {
  const width = 640;
  const height = 140;
  const pad = { left: 32, right: 8, top: 8, bottom: 22 };
  const max = Math.max(1, ...props.days.map((d) => d.count));
  const slot = (width - pad.left - pad.right) / Math.max(1, props.days.length);
  const y = (n: number) => pad.top + ((max - n) * (height - pad.top - pad.bottom)) / max;
  const total = props.days.reduce((s, d) => s + d.count, 0);
  const summary = props.days.length === 0 ? `${props.label}: no events.`
    : `${props.label}: ${total} events over ${props.days.length} days from ${props.days[0]!.day} to ${props.days.at(-1)!.day}; busiest day ${max}.`;
  return (
    <svg class="trend volume" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
      <title>{summary}</title>
      {[0, max].map((v) => (
        <g>
          <line class="axis" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
          <text x={pad.left - 4} y={y(v) + 4} text-anchor="end">{v}</text>
        </g>
      ))}
      {props.days.map((d, i) => <rect class="bar" x={pad.left + i * slot + 1} y={y(d.count)} width={Math.max(1, slot - 2)} height={y(0) - y(d.count)}><title>{`${d.day}: ${d.count}`}</title></rect>)}
      {props.days[0] && <text x={pad.left} y={height - 6}>{props.days[0].day}</text>}
      {props.days.length > 1 && <text x={width - pad.right} y={height - 6} text-anchor="end">{props.days.at(-1)!.day}</text>}
    </svg>
  );
}

/** Counts per calendar day (UTC), every day between the first and the last filled in. */
export function perDay(instants: readonly string[]): { day: string; count: number }[] {
  if (instants.length === 0) return [];
  const counts = new Map<string, number>();
  for (const at of instants) counts.set(at.slice(0, 10), (counts.get(at.slice(0, 10)) ?? 0) + 1);
  const days = [...counts.keys()].sort();
  const result: { day: string; count: number }[] = [];
  for (let d = Date.parse(`${days[0]}T00:00:00Z`); d <= Date.parse(`${days.at(-1)}T00:00:00Z`); d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    result.push({ day, count: counts.get(day) ?? 0 });
  }
  return result;
}
