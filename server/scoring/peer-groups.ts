import type { DirectoryEntry } from '../store/store';

/** Employees the HR directory does not place form one peer group. */
export const DEFAULT_GROUP = 'all employees';
/**
 * A job title shared by fewer people than this is too thin a baseline (one person's habits would be the
 * "peers'"): they are compared with their department instead.
 */
export const MIN_TITLE_GROUP = 5;

/**
 * Who each employee is compared with. A job title (from SCIM or the HR import) when enough people share it:
 * one department often pools roles whose normal volumes differ tenfold (SDRs beside account executives),
 * and the heavy role would lift everyone's ceiling. Otherwise the department, otherwise everyone together.
 */
export function peerGroupsFrom(directory: ReadonlyMap<string, DirectoryEntry>): (employee: string) => string {
  const titleCounts = new Map<string, number>();
  for (const entry of directory.values()) {
    const title = titleOf(entry);
    if (title) titleCounts.set(title, (titleCounts.get(title) ?? 0) + 1);
  }
  return (employee) => {
    const entry = directory.get(employee);
    if (!entry) return DEFAULT_GROUP;
    const title = titleOf(entry);
    if (title && (titleCounts.get(title) ?? 0) >= MIN_TITLE_GROUP) return `${entry.department} · ${title}`;
    return entry.department || DEFAULT_GROUP;
  };
}

/** The hire dates the directory holds, by employee. */
export function hireDatesOf(directory: ReadonlyMap<string, DirectoryEntry>): Map<string, string> {
  return new Map([...directory.values()].flatMap((e) => (e.hiredOn ? [[e.employee, e.hiredOn] as const] : [])));
}

/** Titles compare without case or surrounding spaces: "Account Executive" and "account executive " are one role. */
function titleOf(entry: DirectoryEntry): string | undefined {
  const title = entry.jobTitle?.trim().toLowerCase();
  return title ? title : undefined;
}
