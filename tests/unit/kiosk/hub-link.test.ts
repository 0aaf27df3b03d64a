import { describe, expect, it, vi } from 'vitest';
import { HubLink } from '../../../main/kiosk/hub-link';
import { createMemoryLogger } from '../../../main/log/logger';
import { TestTime } from '../../../main/core/test-time';

describe('the PC\'s link to its hub', () => {
  // Regression: a schedule the hub pushed while the PC was shutting down reached the
  // controller after the PC's database had closed ("The database connection is not open").
  it('hears nothing once stopped, even a message already on its way', () => {
    const time = new TestTime('manual', Date.UTC(2026, 10, 23, 8));
    const onMessage = vi.fn();
    const confirm = vi.fn();
    const link = new HubLink({
      address: 'https://127.0.0.1:1',
      caPem: '',
      deviceToken: 't',
      pcId: 'pc-1',
      release: 'test',
      clock: time,
      scheduler: time,
      logger: createMemoryLogger(),
      onMessage,
      onState: () => undefined,
      usage: { unsent: () => [], confirm },
    });
    const deliver = (message: object) => (link as unknown as { onData(data: Buffer): void }).onData(Buffer.from(JSON.stringify(message)));
    deliver({ type: 'schedule', bookings: [] });
    expect(onMessage).toHaveBeenCalledTimes(1);
    link.stop();
    deliver({ type: 'schedule', bookings: [] });
    deliver({ type: 'usage-stored', throughSeq: 5 });
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();
    time.dispose();
  });
});
