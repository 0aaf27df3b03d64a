import type { Method } from '../../api/request';

/** The console's remote-help routes (preload/remote-contract.ts), spread into ADVISOR_ROUTES. */
export const REMOTE_ROUTES = {
  remoteAccept: { method: 'POST', path: '/api/remote/:id/accept' },
  remoteSignal: { method: 'POST', path: '/api/remote/:id/signal' },
  remotePointer: { method: 'POST', path: '/api/remote/:id/pointer' },
  remoteChat: { method: 'POST', path: '/api/remote/:id/chat' },
  remoteEnd: { method: 'POST', path: '/api/remote/:id/end' },
} as const satisfies Record<string, { method: Method; path: string }>;
