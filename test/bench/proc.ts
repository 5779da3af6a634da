import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Linux's /proc/<pid>/stat after the process name (field 3, state, comes first), or undefined once the
 * process has gone. The name is in parentheses and may itself hold ") ", so the fields start after the last.
 */
export function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The parent's pid (field 4), or undefined when there is no such process here. */
export function parentOf(pid: number | string): string | undefined {
  return statFields(pid)?.[1];
}

/** The pids of a process's children, by pgrep. */
export function childrenOf(pid: string): string[] {
  try {
    return execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []; // pgrep's "none matched"
    throw error;
  }
}
