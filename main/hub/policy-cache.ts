import type { SitePolicy } from '../../preload/hub-contract';
import { sitePolicySchema } from '../config/policy';

/** A stored policy with the defaults of fields added since it was saved (a policy that no longer parses is taken as it is). */
export function storedPolicy(json: string): SitePolicy {
  const raw: unknown = JSON.parse(json);
  const parsed = sitePolicySchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as SitePolicy);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The site row is read on every usage event and board: the policy is parsed
 * once per stored text (another process, `tupa hub policy set`, may change
 * the row; a new text is parsed again). Frozen, so no caller can change the
 * copy the others share.
 */
export class PolicyCache {
  private text: string | undefined;
  private policy: SitePolicy | undefined;
  get(json: string): SitePolicy {
    if (json !== this.text || !this.policy) {
      this.policy = deepFreeze(storedPolicy(json));
      this.text = json;
    }
    return this.policy;
  }
}
