import type {
  ErrorCode,
  EventPayload,
  KioskMethod,
  KioskMethods,
  Params,
  Result,
  TupaBridge,
} from '../../preload/contract';

export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export interface KioskClient {
  call<K extends KioskMethod>(method: K, params: Params<KioskMethods, K>): Promise<Result<KioskMethods, K>>;
  onSnapshot(listener: (snapshot: EventPayload<'kiosk.snapshot'>) => void): () => void;
  /** A remote help call's signalling, pointer and chat from the advisor (preload/remote-contract.ts). */
  onRemote(listener: (event: EventPayload<'kiosk.remote'>) => void): () => void;
}

/** The typed face of a bridge (IPC or WebSocket): method names and results checked by the compiler. */
export function createKioskClient(bridge: TupaBridge): KioskClient {
  return {
    async call(method, params) {
      const reply = await bridge.call(method, params);
      if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message);
      return reply.result as never;
    },
    onSnapshot(listener) {
      return bridge.onEvent((envelope) => {
        if (envelope.event === 'kiosk.snapshot') listener(envelope.payload as EventPayload<'kiosk.snapshot'>);
      });
    },
    onRemote(listener) {
      return bridge.onEvent((envelope) => {
        if (envelope.event === 'kiosk.remote') listener(envelope.payload as EventPayload<'kiosk.remote'>);
      });
    },
  };
}

declare global {
  interface Window {
    /** Set by the Electron preload on a room PC; absent in the browser preview. */
    tupa?: TupaBridge;
  }
}
