import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/config/load';
import { problemsOf } from './support';

describe('the hub\'s limits in the configuration', () => {
  it('IT leaving them out gets the defaults docs/site-hub.md lists', () => {
    expect(parseConfig({}, 'kiosk.json').hub.limits).toEqual({
      maxConnections: 1_000,
      connectionsPerSource: 64,
      reservedConnections: 250,
      handshakeSeconds: 5,
      silentSeconds: 10,
      pcMessagesPerSecond: 20,
      pcMessageBurst: 60,
      pcFloodCloseSeconds: 10,
    });
  });

  it('IT reserving every place, or giving one address more than all, is told which field and why', () => {
    const problems = problemsOf(() => parseConfig({ hub: { limits: { maxConnections: 100, reservedConnections: 100, connectionsPerSource: 200 } } }, 'kiosk.json'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'hub.limits.reservedConnections', reason: expect.stringContaining('less than maxConnections') }),
        expect.objectContaining({ field: 'hub.limits.connectionsPerSource', reason: expect.stringContaining('not be more than maxConnections') }),
      ]),
    );
    expect(problems.every((p) => p.file === 'kiosk.json')).toBe(true);
  });
});
