import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Hub } from '../hub/compose';

const NewAdvisor = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/),
  password: z.string().min(12).max(200),
  admin: z.boolean().default(false),
});

/**
 * Test mode only: POST /__test/advisor adds an account to the demo hub, so a
 * browser test can sign in as an advisor who is not an administrator (as
 * `tupa hub advisor add` would make one).
 */
export function registerTestAdvisors(app: FastifyInstance, hub: Hub | undefined): void {
  app.post('/__test/advisor', async (request) => {
    if (!hub) throw Object.assign(new Error('this preview has no hub'), { statusCode: 400 });
    const parsed = NewAdvisor.safeParse(request.body ?? {});
    if (!parsed.success) throw Object.assign(new Error(z.prettifyError(parsed.error)), { statusCode: 400 });
    await hub.services.addAdvisor(parsed.data.name, parsed.data.password, parsed.data.admin);
    return { ok: true };
  });
}
