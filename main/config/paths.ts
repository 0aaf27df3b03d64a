import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a PC keeps its data when neither the command line, TUPA_DATA_DIR nor the config says. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Tupa');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tupa');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tupa');
}

/** Where a PC's configuration file is looked for when TUPA_CONFIG does not name one. */
export function defaultConfigFile(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'Tupa', 'kiosk.json');
  return '/etc/tupa/kiosk.json';
}

export function resolveDataDir(options: { flag?: string | undefined; config?: string | undefined; env?: NodeJS.ProcessEnv }): string {
  const env = options.env ?? process.env;
  return options.flag ?? env.TUPA_DATA_DIR ?? options.config ?? defaultDataDir(process.platform, env);
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'kiosk.sqlite');
}
