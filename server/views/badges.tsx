/** A risk level or alert severity as a coloured pill (colours in console.css, contrast ≥ 4.5:1 on white text). */
export function LevelBadge(props: { level: string }) {
  return <span class={`level level-${props.level}`}>{props.level}</span>;
}

/** Said on every page that shows a score. */
export const SIGNAL_NOTE = 'A score is a signal for a human conversation, never the sole basis of a decision.';
