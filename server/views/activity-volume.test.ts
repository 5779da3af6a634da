import { describe, expect, it } from 'vitest';
import { activityCharts, timelineStart } from './activity-volume';
import { StackedVolumeChart } from './stacked-volume-chart';

const cell = (day: string, type: string, crm: string | null, destination: string | null, count: number) => ({ day, type, crm, destination, count });

describe('activityCharts', () => {
  it('draws a bar per day of the window, quiet days included, each dimension apart', () => {
    const charts = activityCharts([
      cell('2026-11-01', 'crm.export', 'salesforce', null, 2),
      cell('2026-11-03', 'webmail.upload', null, 'gmail', 1),
      cell('2026-11-03', 'crm.export', 'hubspot', null, 4),
    ], '2026-11-01', '2026-11-03');
    expect(charts.unit).toBe('day');
    expect(charts.buckets).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(charts.byType).toEqual([{ name: 'crm.export', counts: [2, 0, 4] }, { name: 'webmail.upload', counts: [0, 0, 1] }]);
    // An upload has no CRM and an export no destination: each is left out of that chart, not counted as "none".
    expect(charts.byCrm).toEqual([{ name: 'salesforce', counts: [2, 0, 0] }, { name: 'hubspot', counts: [0, 0, 4] }]);
    expect(charts.byDestination).toEqual([{ name: 'gmail', counts: [0, 0, 1] }]);
  });

  it('draws long windows per week from the first day, and ignores counts outside the window', () => {
    const charts = activityCharts([
      cell('2026-01-01', 'crm.copy', 'salesforce', null, 1),
      cell('2026-01-07', 'crm.copy', 'salesforce', null, 1),
      cell('2026-01-08', 'crm.copy', 'salesforce', null, 1),
      cell('2026-04-30', 'crm.copy', 'salesforce', null, 1),
      cell('2025-12-31', 'crm.copy', 'salesforce', null, 50),
      cell('2026-05-01', 'crm.copy', 'salesforce', null, 50),
    ], '2026-01-01', '2026-04-30');
    expect(charts.unit).toBe('week');
    expect(charts.buckets).toHaveLength(18);
    expect(charts.buckets.slice(0, 2)).toEqual(['2026-01-01', '2026-01-08']);
    const counts = charts.byType[0]!.counts;
    expect([counts[0], counts[1], counts.at(-1), counts.reduce((a, b) => a + b, 0)]).toEqual([2, 1, 1, 4]);
  });
});

describe('StackedVolumeChart', () => {
  it('keeps five series in colour and sums the rest as "other", saying the numbers in words', () => {
    const series = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => ({ name, counts: [7 - i, 0] }));
    const svg = String(StackedVolumeChart({ id: 't', label: 'Events per day by type', buckets: ['2026-11-01', '2026-11-02'], series }));
    expect(svg).toContain('aria-label="Events per day by type: 28 events from 2026-11-01 to 2026-11-02; a 7, b 6, c 5, d 4, e 3, other 3."');
    expect(svg.match(/<rect class="bar series-\d"/g)).toHaveLength(6);
    expect(svg).toContain('series-5');
    expect(svg).not.toContain('series-6');
  });

  it('draws nothing to stack for an empty window, and says so', () => {
    const svg = String(StackedVolumeChart({ id: 't', label: 'Events per day by CRM', buckets: ['2026-11-01'], series: [{ name: 'x', counts: [0] }] }));
    expect(svg).toContain('aria-label="Events per day by CRM: no events."');
    expect(svg).not.toContain('<rect');
    expect(svg).not.toContain('class="legend"');
  });
});

describe('timelineStart', () => {
  const cells = [cell('2026-11-01', 'crm.copy', 'salesforce', null, 200), cell('2026-11-02', 'crm.copy', 'salesforce', null, 150), cell('2026-11-03', 'webmail.paste', null, 'gmail', 100), cell('2026-11-03', 'crm.copy', 'hubspot', null, 100)];
  it('starts at the latest day by which the newest events number the limit', () => {
    expect(timelineStart(cells, 300, '2026-10-01T00:00:00.000Z')).toBe('2026-11-02T00:00:00.000Z');
    expect(timelineStart(cells, 200, '2026-10-01T00:00:00.000Z')).toBe('2026-11-03T00:00:00.000Z');
  });
  it('keeps the window start when the counts hold fewer, or when it is later', () => {
    expect(timelineStart(cells, 1000, '2026-10-01T00:00:00.000Z')).toBe('2026-10-01T00:00:00.000Z');
    expect(timelineStart([], 300, '2026-10-01T00:00:00.000Z')).toBe('2026-10-01T00:00:00.000Z');
  });
});
