/** A span of time as a person reads it at a glance: "45 min", "5 h", "3 d". */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

/** From one ISO instant to another. */
export function between(from: string, to: string | Date): string {
  return duration((typeof to === 'string' ? Date.parse(to) : to.getTime()) - Date.parse(from));
}
