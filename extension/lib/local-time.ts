/**
 * An ISO timestamp in the browser's local time with its offset (`2026-11-02T23:30:00.000+03:00`): the
 * server reads the employee's working hours and working day from it, which UTC would hide.
 */
export function localIsoString(date: Date = new Date()): string {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
