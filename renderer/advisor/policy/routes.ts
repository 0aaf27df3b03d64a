import type { Method } from '../../api/request';

/** The policy editor's and the audit log's routes (preload/policy-editor-contract.ts; a unit test compares them). */
export const POLICY_EDITOR_ROUTES = {
  policyCurrent: { method: 'GET', path: '/api/policy/current' },
  policyVersions: { method: 'GET', path: '/api/policy/versions/before/:id' },
  policyVersion: { method: 'GET', path: '/api/policy/versions/:id' },
  checkPolicy: { method: 'POST', path: '/api/policy/check' },
  savePolicy: { method: 'POST', path: '/api/policy/versions' },
  restorePolicy: { method: 'POST', path: '/api/policy/versions/:id/restore' },
  auditLog: { method: 'POST', path: '/api/audit/query' },
} as const satisfies Record<string, { method: Method; path: string }>;
