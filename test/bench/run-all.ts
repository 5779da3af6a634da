/**
 * `npm run bench`: the benchmark suite, one benchmark after another (the machine has two cores, and each
 * benchmark measures the machine as much as the code when another runs beside it), then the one table
 * README shows, in Markdown: measure, figure, goal, the command that reproduces it.
 *
 * Quick by default (small sizes, about 10 minutes on 2 busy cores): the figures show trends, and a goal set for a larger size
 * reads "not at the goal's size". `--full` runs every benchmark at the size its goal names, the browser
 * ones too (they build the extension and need Chromium at /usr/bin/chromium): an hour and more.
 * The benchmarks' own prose goes to stderr as they run; the table goes to stdout and to
 * test-results/bench/summary.md.
 *
 * Run: npm run bench [-- --full]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIR } from './bench-util';
import { figuresIn, type BenchFigure } from './figures';

interface BenchRun { script: string; args: string[] }

const QUICK: BenchRun[] = [
  { script: 'classify-speed.ts', args: ['--runs', '50'] },
  { script: 'risk-accuracy.ts', args: ['--seeds', '1,2'] },
  { script: 'risk-speed.ts', args: ['--employees', '500', '--events', '100000', '--runs', '3', '--skip-ingest'] },
  { script: 'ingest.ts', args: ['--backend', 'both', '--events', '10000', '--batch', '50'] },
  { script: 'latency.ts', args: ['--backend', 'sqlite', '--minutes', '1'] },
  { script: 'latency.ts', args: ['--backend', 'postgres', '--minutes', '1'] },
  { script: 'memory.ts', args: ['--employees', '500', '--events', '100000', '--seconds', '15'] },
];

/** Every benchmark at the size of its goal (the sizes README's figures were measured at). */
const FULL: BenchRun[] = [
  { script: 'classify-speed.ts', args: [] },
  { script: 'risk-accuracy.ts', args: [] },
  { script: 'risk-speed.ts', args: [] },
  { script: 'ingest.ts', args: ['--backend', 'both', '--events', '50000', '--batch', '50'] },
  { script: 'ingest.ts', args: ['--backend', 'both', '--events', '50000', '--batch', '500'] },
  { script: 'latency.ts', args: ['--backend', 'sqlite'] },
  { script: 'latency.ts', args: ['--backend', 'postgres'] },
  { script: 'memory.ts', args: [] },
  { script: 'round-read.ts', args: [] },
  { script: 'copy-latency.ts', args: [] },
  { script: 'alert-latency.ts', args: [] },
  { script: 'worker-heap.ts', args: [] },
];

const commandOf = (run: BenchRun) => ['npx tsx', `test/bench/${run.script}`, ...run.args].join(' ');

/** Runs one benchmark under this process's Node and tsx; its output goes to stderr and is kept. */
function runBenchmark(run: BenchRun): Promise<{ output: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('test/bench', run.script), ...run.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ output, exitCode: code ?? 1 }));
  });
}

/** A table cell: Markdown's column separator escaped. */
const cell = (text: string) => text.replaceAll('|', '\\|');

function verdict(figure: BenchFigure): string {
  if (figure.met === null) return figure.goal.startsWith('—') ? figure.figure : `${figure.figure} (not at the goal's size)`;
  return `${figure.figure} — ${figure.met ? 'met' : '**not met**'}`;
}

const runs = process.argv.includes('--full') ? FULL : QUICK;
const rows: string[] = [];
const started = performance.now();
for (const run of runs) {
  const command = commandOf(run);
  process.stderr.write(`\n$ ${command}\n`);
  const { output, exitCode } = await runBenchmark(run);
  const figures = figuresIn(output);
  // classify-speed exits 1 when it misses a goal, and says so in its figures; no figures at all is a failure.
  if (figures.length === 0) rows.push(`| ${cell(run.script)} | failed (exit code ${exitCode}, no figures: see its output above) | | \`${cell(command)}\` |`);
  for (const figure of figures) rows.push(`| ${cell(figure.measure)} | ${cell(verdict(figure))} | ${cell(figure.goal)} | \`${cell(command)}\` |`);
}
const table = ['| measure | figure | goal | command |', '| --- | --- | --- | --- |', ...rows].join('\n');
const minutes = (performance.now() - started) / 60_000;
const heading = `${process.argv.includes('--full') ? 'Full' : 'Quick'} benchmark run, ${new Date().toISOString().slice(0, 16)}Z, ${minutes.toFixed(1)} min`;
fs.mkdirSync(DIR, { recursive: true });
fs.writeFileSync(path.join(DIR, 'summary.md'), `${heading}\n\n${table}\n`);
console.log(`\n${heading}\n\n${table}`);
