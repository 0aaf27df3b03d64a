import { z } from 'zod';
import {
  CallEnvelope,
  PROTOCOL_VERSION,
  type ErrorCode,
  type EventEnvelope,
  type MethodDefs,
  type ReplyEnvelope,
} from '../../preload/contract';

/** Who sent a call, as the transport saw it. */
export type Sender =
  | { transport: 'ipc'; webContentsId: number; frameUrl: string; isMainFrame: boolean }
  | { transport: 'ws'; remoteAddress: string; origin: string | undefined };

export type Handlers<M extends MethodDefs> = {
  [K in keyof M]: (params: z.output<M[K]['input']>, sender: Sender) => z.input<M[K]['output']> | Promise<z.input<M[K]['output']>>;
};

export interface RouterOptions<M extends MethodDefs> {
  methods: M;
  handlers: Handlers<M>;
  /** Decides whether a sender may call at all; the transport has already identified it. */
  isAllowedSender: (sender: Sender) => boolean;
  /** Called with method names and error codes only, never with parameters. */
  onRejected?: (info: { method: string; code: ErrorCode; transport: Sender['transport'] }) => void;
  onError?: (info: { method: string; error: unknown }) => void;
}

export interface Router {
  call(sender: Sender, envelope: unknown): Promise<ReplyEnvelope>;
}

/**
 * The one choke point every call passes: it checks the protocol version, the
 * sender, the method and the parameters' schema before a handler runs, and
 * the result's schema after. Handlers never see unchecked input.
 */
export function createRouter<M extends MethodDefs>(options: RouterOptions<M>): Router {
  const { methods, handlers } = options;
  return {
    async call(sender, raw) {
      const parsed = CallEnvelope.safeParse(raw);
      const id = parsed.success ? parsed.data.id : null;
      const fail = (code: ErrorCode, message: string, method = '?'): ReplyEnvelope => {
        options.onRejected?.({ method, code, transport: sender.transport });
        return { v: PROTOCOL_VERSION, id, ok: false, error: { code, message } };
      };
      if (!parsed.success) return fail('bad-envelope', 'The message is not a call envelope.');
      const envelope = parsed.data;
      if (envelope.v !== PROTOCOL_VERSION) {
        return fail(
          'version-mismatch',
          `This core speaks protocol ${PROTOCOL_VERSION}; the caller spoke ${envelope.v}. Update both to the same release.`,
          envelope.method,
        );
      }
      if (!options.isAllowedSender(sender)) return fail('forbidden', 'This sender may not call the core.', envelope.method);
      if (!Object.hasOwn(methods, envelope.method)) return fail('unknown-method', `No method "${envelope.method}".`, envelope.method);
      const name = envelope.method as keyof M & string;
      const def = methods[name]!;
      const input = def.input.safeParse(envelope.params ?? {});
      if (!input.success) {
        return fail('invalid-params', `Invalid parameters for ${name}: ${z.prettifyError(input.error)}`, name);
      }
      try {
        const result = await handlers[name](input.data as never, sender);
        const output = def.output.safeParse(result);
        if (!output.success) throw new Error(`result of ${name} does not match the contract: ${z.prettifyError(output.error)}`);
        return { v: PROTOCOL_VERSION, id, ok: true, result: output.data };
      } catch (error) {
        options.onError?.({ method: name, error });
        return fail('internal', 'The core could not complete the call.', name);
      }
    },
  };
}

export function eventEnvelope(event: string, payload: unknown): EventEnvelope {
  return { v: PROTOCOL_VERSION, event, payload };
}
