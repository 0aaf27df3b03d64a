import { z } from 'zod';
import { HubError } from './bookings';
import type { PolicyVersions } from './policy-versions';
import type { RouteRegistrar } from './server';

const VersionParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

function versionOf(id: string): number {
  const parsed = VersionParam.safeParse(id);
  if (!parsed.success) throw new HubError(400, 'bad-request', `"${id.slice(0, 20)}" is not a version number`, 'id');
  return parsed.data;
}

const noVersion = (version: number): HubError => new HubError(404, 'unknown-version', `there is no policy version ${version}`, 'baseVersion');

/** The site policy editor's and the audit log's routes: administrators only (preload/policy-editor-contract.ts). */
export function registerPolicyRoutes(register: RouteRegistrar, versions: PolicyVersions): void {
  register('policyCurrent', () => versions.current(), 'admin');
  register('policyVersions', ({ id }) => versions.list(id === 'latest' ? undefined : versionOf(id)), 'admin');
  register(
    'policyVersion',
    ({ id }) => {
      const version = versionOf(id);
      const found = versions.get(version);
      if (!found) throw new HubError(404, 'unknown-version', `there is no policy version ${version}`, 'id');
      return found;
    },
    'admin',
  );
  register(
    'checkPolicy',
    ({ body }) => {
      const check = versions.check(body.policy, body.baseVersion);
      if (!check) throw noVersion(body.baseVersion);
      return check;
    },
    'admin',
  );
  register(
    'savePolicy',
    ({ body, advisor, reply }) => {
      const result = versions.save(body.policy, body.baseVersion, `advisor:${advisor.name}`);
      if (!result) throw noVersion(body.baseVersion);
      void reply.code(result.status);
      return result.answer;
    },
    'admin',
  );
  register(
    'restorePolicy',
    ({ id, body, advisor, reply }) => {
      const version = versionOf(id);
      const result = versions.restore(version, body.baseVersion, `advisor:${advisor.name}`);
      if (!result) throw new HubError(404, 'unknown-version', `there is no policy version ${version} or ${body.baseVersion}`, 'id');
      void reply.code(result.status);
      return result.answer;
    },
    'admin',
  );
  register('auditLog', ({ body }) => versions.audit(body.before, body.action), 'admin');
}
