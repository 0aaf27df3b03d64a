import { isIPv6 } from 'node:net';
import { checkUrl, isPrivateHost, normalizeHostPattern, normalizeOrigin, type UrlPolicy, type UrlVerdict } from '../shell/policy/url-policy';

/**
 * A site policy's tiles and web lists checked against the URL policy the
 * residents' web view applies (main/shell/policy/url-policy.ts): a tile the
 * web view would refuse, or a list entry that can never match, is a mistake
 * to report, not a setting to carry silently.
 */

export interface WebLists {
  allow: readonly string[];
  deny: readonly string[];
  allowPrivateHosts: readonly string[];
  mediaOrigins: readonly string[];
}

export interface PolicyIssue {
  path: PropertyKey[];
  message: string;
}

/** The issues of one policy; `hubOrigins` are the origins of a hub running on this PC (refused to the web view). */
export function webPolicyIssues(policy: { web: WebLists; tiles: ReadonlyArray<{ url: string }> }, hubOrigins: readonly string[] = []): PolicyIssue[] {
  const { web } = policy;
  const view: UrlPolicy = { allow: web.allow, deny: web.deny, allowPrivateHosts: web.allowPrivateHosts, blockedOrigins: hubOrigins };
  const issues: PolicyIssue[] = [];

  policy.tiles.forEach((tile, i) => {
    const why = refusal(tile.url, view);
    if (why) issues.push({ path: ['tiles', i, 'url'], message: `the web view would refuse it: ${why}` });
  });

  web.allow.forEach((entry, i) => {
    const pattern = normalizeHostPattern(entry);
    if (pattern === '') return; // reported by the field's own check
    const wildcard = pattern.startsWith('*.');
    // Any one host the entry covers stands for all of them ("x" is as good a subdomain as any).
    const host = wildcard ? `x${pattern.slice(1)}` : pattern;
    const denier = deniedBy(host, wildcard ? web.deny.filter((d) => normalizeHostPattern(d).startsWith('*.')) : web.deny);
    if (denier !== undefined) {
      issues.push({ path: ['web', 'allow', i], message: `can never match: web.deny has "${denier}", and deny wins` });
    } else if (isPrivateHost(host) && !(!wildcard && listsPrivateHost(web.allowPrivateHosts, host))) {
      issues.push({
        path: ['web', 'allow', i],
        message: 'can never match: it names a local-network host, which the web view opens only when web.allowPrivateHosts lists that host',
      });
    }
  });

  web.allowPrivateHosts.forEach((entry, i) => {
    const host = normalizeHostPattern(entry);
    if (host === '' || host.startsWith('*.')) return; // reported by the field's own check
    const denier = deniedBy(host, web.deny);
    if (denier !== undefined) issues.push({ path: ['web', 'allowPrivateHosts', i], message: `can never match: web.deny has "${denier}", and deny wins` });
  });

  web.mediaOrigins.forEach((entry, i) => {
    const origin = normalizeOrigin(entry);
    if (origin === '') return;
    const why = refusal(`${origin}/`, view);
    if (why) issues.push({ path: ['web', 'mediaOrigins', i], message: `can never be used: the web view does not open it (${why})` });
  });
  return issues;
}

/** The origins of the hub this PC runs itself, under the names in hub.hostnames (loopback is refused anyway). */
export function embeddedHubOrigins(config: { role: string; hub: { embedded: boolean; hostnames: readonly string[]; listen: { port: number } } }): string[] {
  if (config.role !== 'kiosk' || !config.hub.embedded) return [];
  return config.hub.hostnames.map((name) => `https://${isIPv6(name) ? `[${name}]` : name}:${config.hub.listen.port}`);
}

/** Why the web view refuses a URL, in IT's words; undefined when it opens it or when the URL is not a web address at all (the field's own check says so). */
function refusal(url: string, view: UrlPolicy): string | undefined {
  const verdict: UrlVerdict = checkUrl(url, view);
  if (verdict.ok) return undefined;
  const host = verdict.host ?? '';
  switch (verdict.reason) {
    case 'credentials':
      return 'it holds a user name or password';
    case 'private-network':
      return `${host} is on the local network; list it in web.allowPrivateHosts to allow it`;
    case 'blocked-origin':
      return "it is the address of this PC's own site hub";
    case 'denied':
      return `web.deny has "${view.deny.find((d) => checkUrl(url, { ...view, allow: [], deny: [d] }).ok === false) ?? host}"`;
    case 'not-allowed':
      return `${host} is not in web.allow`;
    default:
      return undefined;
  }
}

/** The first entry of `deny` that refuses `host` (a normalized host, IPv6 in brackets), whatever the network it is on. */
function deniedBy(host: string, deny: readonly string[]): string | undefined {
  return deny.find((d) => checkUrl(`https://${host}/`, { allow: [], deny: [d], allowPrivateHosts: [host], blockedOrigins: [] }).ok === false);
}

function listsPrivateHost(list: readonly string[], host: string): boolean {
  return list.some((entry) => normalizeHostPattern(entry) === host);
}

/** For a list field: an entry the list already has, compared as the web view compares them, is refused. */
export function noRepeats(normalize: (entry: string) => string, what: string) {
  return (list: readonly string[], ctx: { addIssue: (issue: { code: 'custom'; path: PropertyKey[]; input: unknown; message: string }) => void }): void => {
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      const key = normalize(entry);
      if (key === '') return;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], input: entry, message: `the list already has this ${what}` });
      seen.add(key);
    });
  };
}
