import { expect } from 'vitest';
import { ConfigError, type ConfigProblem } from '../../../main/config/load';

/** The problems a configuration was refused for; fails the test when it was accepted. */
export function problemsOf(fn: () => unknown): ConfigProblem[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
