import { describe, expect, it } from 'vitest';
import { Busy, Limiter, SlowDown, sourceKey } from '../../../main/hub/auth';

describe('who is asking', () => {
  it('is an IPv4 address as it is, also when mapped into IPv6', () => {
    expect(sourceKey('192.168.20.31')).toBe('192.168.20.31');
    expect(sourceKey('::ffff:192.168.20.31')).toBe('192.168.20.31');
  });

  it('is an IPv6 address\'s /64, however it is written', () => {
    expect(sourceKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:0db8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey('fe80::1')).toBe(sourceKey('fe80::2'));
  });
});

describe('one attempt at a time per source', () => {
  it('refuses a second attempt while the first is checked, not after', () => {
    const slow = new SlowDown();
    expect(slow.begin('a')).toBe(true);
    expect(slow.begin('a')).toBe(false);
    expect(slow.begin('b')).toBe(true);
    slow.end('a');
    expect(slow.begin('a')).toBe(true);
  });
});

describe('the password-check limiter', () => {
  it('runs at most N at once, queues a few, and says busy beyond', async () => {
    const limiter = new Limiter(2, 1);
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const task = () =>
      new Promise<void>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const a = limiter.run(task);
    const b = limiter.run(task);
    const c = limiter.run(task);
    await expect(limiter.run(task)).rejects.toBeInstanceOf(Busy);
    await new Promise((r) => setTimeout(r, 0));
    expect(running).toBe(2);
    releases.shift()!();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(running).toBe(2);
    releases.shift()!();
    releases.shift()!();
    await Promise.all([b, c]);
    expect(most).toBe(2);
  });
});
