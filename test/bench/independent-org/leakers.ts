import { classicBulk, collectThenTake, copyPaste, printToPdf } from './leaks-bulk';
import { dripExports, heavyUserDoubling, slowLeak } from './leaks-gradual';
import type { Prng } from './prng';
import type { RoleId } from './roles';
import type { Story } from './story';

export const LEAK_STYLES = ['drip_exports', 'slow_leak', 'print_pdf', 'collect_then_take', 'heavy_user_doubling', 'classic_bulk', 'copy_paste', 'leak_then_terminated'] as const;
export type LeakStyle = (typeof LEAK_STYLES)[number];

/** Who could plausibly leak in each style: the roles that have the means. */
export const STYLE_ROLES: Record<LeakStyle, readonly RoleId[]> = {
  drip_exports: ['sdr', 'account_executive', 'account_manager', 'sales_ops', 'marketing', 'sales_manager'],
  slow_leak: ['sdr', 'account_executive', 'account_manager', 'support'],
  print_pdf: ['account_executive', 'account_manager', 'sales_manager', 'finance'],
  collect_then_take: ['sdr', 'account_executive', 'account_manager', 'sales_manager'],
  heavy_user_doubling: ['sales_ops', 'sdr', 'support'],
  classic_bulk: ['sdr', 'account_executive', 'account_manager', 'sales_ops', 'support', 'marketing', 'sales_manager', 'finance'],
  copy_paste: ['sdr', 'account_executive', 'account_manager', 'support', 'marketing'],
  leak_then_terminated: ['sdr', 'account_executive', 'account_manager', 'sales_ops', 'support', 'marketing', 'sales_manager'],
};

/** A leaker's timeline in days of the window: notice (absent for the one who is terminated), first leak, last day at work. */
export interface LeakPlan {
  style: LeakStyle;
  notice?: number;
  leakStart: number;
  lastDay: number;
  terminated: boolean;
  stories: Story[];
}

/**
 * The leaker's timeline and behaviour. Notice falls on a working day between 3/8 and 11/12 of the window
 * (days 45-110 of 120), leaving history before it; the last working day is 14-30 days after notice.
 */
export function planLeak(rng: Prng, style: LeakStyle, days: number, workingDayFrom: (day: number) => number): LeakPlan {
  const early = Math.round(days * 0.375);
  const late = Math.round(days * 0.92);
  let notice = workingDayFrom(rng.int(early, late));
  const lastDayAfter = (n: number) => n + rng.int(14, 30);
  switch (style) {
    case 'drip_exports': {
      const leakStart = Math.max(0, notice - rng.int(20, 40));
      return { style, notice, leakStart, lastDay: lastDayAfter(notice), terminated: false, stories: [dripExports(leakStart, notice + 10)] };
    }
    case 'slow_leak': {
      notice = workingDayFrom(rng.int(Math.round(days * 0.7), late));
      const leakStart = rng.int(Math.round(days * 0.06), Math.round(days * 0.2));
      const lastDay = lastDayAfter(notice);
      return { style, notice, leakStart, lastDay, terminated: false, stories: [slowLeak(leakStart, lastDay)] };
    }
    case 'print_pdf': {
      const leakStart = notice - rng.int(5, 9);
      return { style, notice, leakStart, lastDay: lastDayAfter(notice), terminated: false, stories: [printToPdf(leakStart, notice + rng.int(5, 9))] };
    }
    case 'collect_then_take': {
      const leakStart = Math.max(0, notice - rng.int(21, 35));
      return { style, notice, leakStart, lastDay: lastDayAfter(notice), terminated: false, stories: collectThenTake(rng, leakStart, notice) };
    }
    case 'heavy_user_doubling': {
      const leakStart = Math.max(0, notice - rng.int(21, 35));
      const lastDay = lastDayAfter(notice);
      return { style, notice, leakStart, lastDay, terminated: false, stories: [heavyUserDoubling(rng, leakStart, Math.min(lastDay, notice + rng.int(7, 14)))] };
    }
    case 'classic_bulk': {
      const leakStart = notice + rng.int(-5, 5);
      return { style, notice, leakStart, lastDay: lastDayAfter(notice), terminated: false, stories: classicBulk(rng, leakStart) };
    }
    case 'copy_paste': {
      const leakStart = notice - rng.int(3, 10);
      return { style, notice, leakStart, lastDay: lastDayAfter(notice), terminated: false, stories: [copyPaste(leakStart, notice + rng.int(3, 10))] };
    }
    case 'leak_then_terminated': {
      const leakStart = rng.int(Math.round(days * 0.33), Math.round(days * 0.67));
      const lastDay = workingDayFrom(Math.min(days - 1, leakStart + rng.int(15, 35)));
      const how = rng.int(0, 2);
      const stories = how === 0 ? [dripExports(leakStart, lastDay - 1)] : how === 1 ? classicBulk(rng, leakStart) : [copyPaste(leakStart, leakStart + rng.int(5, 10))];
      return { style, leakStart, lastDay, terminated: true, stories };
    }
  }
}

/** Every style once, in random order, then random styles until `count`: which styles repeat varies per seed. */
export function drawStyles(rng: Prng, count: number): LeakStyle[] {
  const styles = rng.shuffle(LEAK_STYLES);
  while (styles.length < count) styles.push(rng.pick(LEAK_STYLES));
  return styles.slice(0, count);
}
