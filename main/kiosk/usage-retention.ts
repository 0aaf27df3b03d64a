import { HOUR } from '../core/clock';
import type { KioskContext } from './feature';

/** Raw usage events past the retention limit go, once the hub holds them (the database keeps the others): at start and hourly. */
export function setupUsageRetention(ctx: KioskContext): void {
  const prune = () => {
    const deleted = ctx.deps.store.events.deleteConfirmedBefore(ctx.deps.clock.now() - ctx.config.usage.retentionDays * 24 * HOUR);
    if (deleted > 0) ctx.log.info('old usage events deleted', { count: deleted });
  };
  ctx.register({
    start() {
      ctx.every(HOUR, 'usage retention', prune);
      prune();
    },
  });
}
