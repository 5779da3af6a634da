/**
 * The benchmarks' machine-readable result: each benchmark ends with one line `bench-figures <JSON>`
 * beside its prose, and test/bench/run-all.ts reads those lines to print the one table README shows.
 */
import * as z from 'zod';

/** One measure as a benchmark reports it. `met` is null where the run was smaller than the goal's size. */
export const BenchFigure = z.object({
  measure: z.string(),
  figure: z.string(),
  goal: z.string(),
  met: z.boolean().nullable(),
});
export type BenchFigure = z.infer<typeof BenchFigure>;

const PREFIX = 'bench-figures ';

/** Prints the figures as the line run-all.ts looks for. */
export function printFigures(figures: BenchFigure[]): void {
  console.log(PREFIX + JSON.stringify(figures));
}

/** Every figure printed in a benchmark's output, in order. */
export function figuresIn(output: string): BenchFigure[] {
  return output.split('\n')
    .filter((line) => line.startsWith(PREFIX))
    .flatMap((line) => z.array(BenchFigure).parse(JSON.parse(line.slice(PREFIX.length))));
}

/** Whether a goal holds, or null when the run was smaller than the size the goal is set for. */
export function metAtSize(atGoalSize: boolean, holds: boolean): boolean | null {
  return atGoalSize ? holds : null;
}

/** 1234567 → "1,234,567", as the docs write numbers. */
export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
