import type { PolicyVersionView } from '../../../preload/policy-editor-contract';

/** The hub's "policy-version" events, from the console's one event link to whichever editor is open. */
const listeners = new Set<(version: PolicyVersionView) => void>();

export function announcePolicyVersion(version: PolicyVersionView): void {
  for (const listener of listeners) listener(version);
}

export function onPolicyVersion(listener: (version: PolicyVersionView) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
