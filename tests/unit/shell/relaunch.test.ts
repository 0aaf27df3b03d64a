import { describe, expect, it, vi } from 'vitest';
import type { Phase } from '../../../main/core/session-machine';
import { relaunchWhenIdle } from '../../../main/shell/relaunch';

function fakeController() {
  const listeners = new Set<(phase: Phase, at: number) => void>();
  let at = 0;
  return {
    listeners,
    onPhase: vi.fn((listener: (phase: Phase, at: number) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    phases(...phases: Phase[]) {
      for (const phase of phases) for (const listener of [...listeners]) listener(phase, (at += 1_000));
    },
  };
}

/** One whole session as the controller reports its phases. */
const SESSION: Phase[] = ['active', 'warning', 'ending', 'wiping', 'feedback', 'welcome'];

describe('relaunchWhenIdle', () => {
  it('relaunches when the welcome screen returns after the Nth wiped session', () => {
    const controller = fakeController();
    const relaunch = vi.fn();
    relaunchWhenIdle(controller, 3, relaunch);
    controller.phases(...SESSION, ...SESSION);
    expect(relaunch).not.toHaveBeenCalled();
    controller.phases(...SESSION);
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('never relaunches mid-session, even after the Nth wipe has started', () => {
    const controller = fakeController();
    const relaunch = vi.fn();
    relaunchWhenIdle(controller, 1, relaunch);
    controller.phases('active', 'warning', 'ending', 'wiping', 'feedback');
    expect(relaunch).not.toHaveBeenCalled();
    controller.phases('welcome');
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('a welcome screen without any wiped session does not count', () => {
    const controller = fakeController();
    const relaunch = vi.fn();
    relaunchWhenIdle(controller, 1, relaunch);
    controller.phases('welcome', 'out-of-service', 'welcome');
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('a wipe that ends out of service still counts once the welcome screen is back', () => {
    const controller = fakeController();
    const relaunch = vi.fn();
    relaunchWhenIdle(controller, 1, relaunch);
    controller.phases('active', 'ending', 'wiping', 'out-of-service');
    expect(relaunch).not.toHaveBeenCalled();
    controller.phases('welcome');
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it.each([0, -1])('never relaunches when N is %i (turned off)', (n) => {
    const controller = fakeController();
    const relaunch = vi.fn();
    const stop = relaunchWhenIdle(controller, n, relaunch);
    controller.phases(...SESSION, ...SESSION, ...SESSION);
    expect(relaunch).not.toHaveBeenCalled();
    expect(controller.onPhase).not.toHaveBeenCalled();
    expect(() => stop()).not.toThrow();
  });

  it('the returned function stops listening', () => {
    const controller = fakeController();
    const relaunch = vi.fn();
    const stop = relaunchWhenIdle(controller, 1, relaunch);
    stop();
    controller.phases(...SESSION);
    expect(relaunch).not.toHaveBeenCalled();
    expect(controller.listeners.size).toBe(0);
  });
});
