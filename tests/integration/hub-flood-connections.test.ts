/**
 * One machine on the LAN opening connections and saying nothing (issue 10,
 * item 2): the hub keeps answering consoles and PCs. Everything on
 * loopback; each flood comes from addresses of its own in 127.0.0.0/8.
 */
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { idleFlood } from '../soak/flood-tools';
import { onStop, request, signIn, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

const within = async <T>(what: Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await what;
  return { value, ms: performance.now() - started };
};

describe('an idle connection flood', () => {
  it('from one machine still lets a console sign in and be answered, and a paired PC connect, within 1 s', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });

    // 1,000 connections that never start TLS: as many as the hub takes in all.
    const flood = await idleFlood(th.port, [{ address: '127.0.0.2', count: 1_000 }]);
    onStop(() => flood.stop());
    // The hub holds that machine's share and no more.
    expect(flood.held()).toBe(64);
    expect(flood.closed()).toBe(1_000 - 64);

    // Signing in checks a password with scrypt, slow on purpose (over a second on a busy test machine):
    // it must get through; the console's next request, on a new connection, must come back within 1 s.
    const advisor = await signIn(th);
    const board = await within(advisor.board());
    expect(board.ms).toBeLessThan(1_000);
    expect(board.value.site.name).toBe('Raatipirtti');
    const pcBack = await within((pc.connect(), waitOnline(pc, 1_000)));
    expect(pcBack.ms).toBeLessThan(1_000);
    // The flood was still there while they were answered.
    expect(flood.held()).toBe(64);
    expect(th.logger.lines.some((e) => e.msg === 'connections refused' && e.reason === 'too many from one source')).toBe(true);
  });

  it('is let go of: no TLS within the handshake time, or nothing said after it', async () => {
    const th = await startHub({ network: { limits: { handshakeSeconds: 1, silentSeconds: 1 } } });
    const flood = await idleFlood(th.port, [{ address: '127.0.0.2', count: 20 }]);
    onStop(() => flood.stop());
    expect(flood.held()).toBe(20);
    const started = performance.now();
    await until('the hub closes the connections that never started TLS', () => flood.held() === 0, 3_000);
    expect(performance.now() - started).toBeGreaterThan(500);

    const quiet = tlsConnect({ host: '127.0.0.1', port: th.port, ca: th.caPem, servername: 'localhost' });
    onStop(() => {
      quiet.destroy();
    });
    await new Promise<void>((resolve, reject) => quiet.once('secureConnect', () => resolve()).once('error', reject));
    const handshaken = performance.now();
    await new Promise<void>((resolve) => quiet.once('close', () => resolve()));
    const silentFor = performance.now() - handshaken;
    expect(silentFor).toBeGreaterThan(900);
    expect(silentFor).toBeLessThan(3_000);
  });

  it('from many addresses leaves the last places to the consoles and PCs the hub knows', async () => {
    const th = await startHub({ network: { limits: { maxConnections: 120, connectionsPerSource: 10, reservedConnections: 40 } } });
    // The advisor and the PC have been here before (from 127.0.0.1).
    const advisor = await signIn(th);
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    await pc.close();

    const sources = Array.from({ length: 12 }, (_, i) => ({ address: `127.0.5.${i + 1}`, count: 10 }));
    const flood = await idleFlood(th.port, sources);
    onStop(() => flood.stop());
    // 120 asked; the hub stops strangers at 80 (minus the advisor's and PC's own, if still open).
    expect(flood.held()).toBeLessThanOrEqual(80);
    expect(flood.held()).toBeGreaterThanOrEqual(75);

    // Someone new is refused while the flood lasts.
    await expect(request(th, 'GET', '/api/ca', { localAddress: '127.0.9.9' })).rejects.toThrow();
    // The advisor and the PC are not.
    const board = await within(advisor.board());
    expect(board.ms).toBeLessThan(1_000);
    const again = await startPc({ id: 'pc-1', dir: pc.dir, connection: pc.connection!, connect: false });
    const back = await within((again.connect(), waitOnline(again, 1_000)));
    expect(back.ms).toBeLessThan(1_000);
    expect(th.logger.lines.some((e) => e.msg === 'connections refused' && e.reason === 'the last places are kept for known PCs and advisors')).toBe(true);
  });
});
