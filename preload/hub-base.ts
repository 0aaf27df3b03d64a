import { z } from 'zod';

/**
 * The primitives every part of the hub's protocol shares. Feature contracts
 * (preload/<feature>-contract.ts) import from here, and preload/hub-contract.ts
 * imports them, so no contract file imports another in a cycle.
 */
export const Millis = z.number().int().nonnegative();
export const PcId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
export const Id = z.string().min(1).max(64);
export const IsoTime = z.string().min(10).max(40);
export const Ok = z.strictObject({ ok: z.literal(true) });
export const Empty = z.strictObject({});
/** A command sent to the PC: its outcome follows as a "command" event with this id. */
export const Commanded = z.strictObject({ commandId: Id });

/** One console route: its method, path, body schema and response schema. */
export function route<B extends z.ZodType, R extends z.ZodType>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: B, response: R) {
  return { method, path, body, response };
}
