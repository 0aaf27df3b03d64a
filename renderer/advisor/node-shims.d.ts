/**
 * WORKAROUND, to be removed with a contract change: preload/hub-contract.ts
 * takes the site-policy schema from main/config/policy.ts, which (with
 * main/shell/policy/url-policy.ts) imports node:net and node:url. The
 * renderer imports only TYPES from the contract, but type-checking them
 * still reads those files, and the renderer has no Node types. These are
 * the four functions they use, as Node declares them; nothing of Node is
 * bundled (type imports are erased).
 */
declare module 'node:net' {
  export function isIP(input: string): number;
  export function isIPv4(input: string): boolean;
  export function isIPv6(input: string): boolean;
}

declare module 'node:url' {
  export function domainToASCII(domain: string): string;
}
