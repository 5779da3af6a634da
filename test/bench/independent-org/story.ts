import type { DayContext, Factors } from './day-context';

/**
 * Something that happens to one person beyond their routine: a quarter end, a new territory, a leak.
 * `factors` scales the routine on a day; `act` adds the story's own actions on the days the person works
 * (a story that must happen on a given day does it on the first working day from then on).
 */
export interface Story {
  factors?(day: number): Partial<Factors>;
  act?(ctx: DayContext): void;
  /** Whether the story has the person open the laptop at home that evening (days off included); it then acts that day even without work. */
  homeEvening?(day: number): boolean;
}
