/**
 * The documentation's own promises: every relative link in README.md and docs/*.md reaches an existing
 * file (and, when it names one, a heading of that file), and README stays short enough to read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Issue 13: README at most 25 KB, counted as `wc -c` counts it. */
const README_MAX_BYTES = 25_000;

const documents = ['README.md', ...fs.readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => path.join('docs', name))];

/** Markdown without its fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of `[text](target)` and `![alt](target)` that point inside the repository. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replaceAll(' ', '-');
}

function anchorsOf(file: string): Set<string> {
  const headings = [...prose(fs.readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!));
  return new Set(headings);
}

describe('documentation links', () => {
  it.each(documents)('%s: every relative link reaches a file and heading that exist', (document) => {
    const broken: string[] = [];
    for (const link of relativeLinks(fs.readFileSync(document, 'utf8'))) {
      const [target, anchor] = link.split('#') as [string, string | undefined];
      const file = target === '' ? document : path.join(path.dirname(document), decodeURIComponent(target));
      if (!fs.existsSync(file)) broken.push(`${link} (no file ${file})`);
      else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) broken.push(`${link} (no heading #${anchor} in ${file})`);
    }
    expect(broken).toEqual([]);
  });

  it('finds the links it checks', () => {
    // A pattern that matched nothing would pass every document above.
    expect(relativeLinks('see [the model](docs/risk-model.md#the-score), ![shot](a.png), [web](https://example.com), `[x](y)`'))
      .toEqual(['docs/risk-model.md#the-score', 'a.png']);
  });

  it(`README.md is at most ${README_MAX_BYTES} bytes`, () => {
    expect(fs.statSync('README.md').size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});
