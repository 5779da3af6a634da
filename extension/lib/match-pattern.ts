import type { Site } from '../../shared/policy';

/**
 * Chrome match-pattern test for a page URL (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * the scheme, then the host (`*.example.com` also matches `example.com`), then the path glob.
 */
export function matchesPattern(url: URL, pattern: string): boolean {
  const parsed = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!parsed) return false;
  const [, scheme, host, path] = parsed as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
    } else if (url.hostname !== host) return false;
  }
  const glob = new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return glob.test(url.pathname + url.search);
}

/** The first site whose patterns match `href`, if any. `blob:https://x/…` URLs count as their inner origin. */
export function siteFor<T extends Site>(href: string | undefined, sites: readonly T[]): T | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href.startsWith('blob:') ? href.slice(5) : href);
  } catch {
    return undefined;
  }
  return sites.find((site) => site.matches.some((p) => matchesPattern(url, p)));
}
