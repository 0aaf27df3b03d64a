import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { databaseFile, defaultConfigFile, defaultDataDir, resolveDataDir } from '../../../main/config/paths';

describe('defaultDataDir: where a PC keeps its data by default', () => {
  it('Linux: under XDG_DATA_HOME when set', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/srv/xdg' })).toBe(join('/srv/xdg', 'tupa'));
  });

  it('Linux: ~/.local/share/tupa otherwise', () => {
    expect(defaultDataDir('linux', {})).toBe(join(homedir(), '.local', 'share', 'tupa'));
  });

  it('Windows: under LOCALAPPDATA when set', () => {
    expect(defaultDataDir('win32', { LOCALAPPDATA: 'D:\\Local' })).toBe(join('D:\\Local', 'Tupa'));
  });

  it('Windows: ~/AppData/Local/Tupa otherwise', () => {
    expect(defaultDataDir('win32', {})).toBe(join(homedir(), 'AppData', 'Local', 'Tupa'));
  });

  it('macOS: ~/Library/Application Support/Tupa, whatever XDG says', () => {
    expect(defaultDataDir('darwin', { XDG_DATA_HOME: '/srv/xdg' })).toBe(join(homedir(), 'Library', 'Application Support', 'Tupa'));
  });
});

describe('defaultConfigFile', () => {
  it('is /etc/tupa/kiosk.json on Linux and macOS', () => {
    expect(defaultConfigFile('linux', {})).toBe('/etc/tupa/kiosk.json');
    expect(defaultConfigFile('darwin', {})).toBe('/etc/tupa/kiosk.json');
  });

  it('is under PROGRAMDATA on Windows', () => {
    expect(defaultConfigFile('win32', { PROGRAMDATA: 'E:\\PD' })).toBe(join('E:\\PD', 'Tupa', 'kiosk.json'));
    expect(defaultConfigFile('win32', {})).toBe(join('C:\\ProgramData', 'Tupa', 'kiosk.json'));
  });
});

describe('resolveDataDir: the command line, then TUPA_DATA_DIR, then the config, then the OS default', () => {
  it('the flag wins over everything', () => {
    expect(resolveDataDir({ flag: '/a', config: '/c', env: { TUPA_DATA_DIR: '/b' } })).toBe('/a');
  });

  it('TUPA_DATA_DIR wins over the config', () => {
    expect(resolveDataDir({ config: '/c', env: { TUPA_DATA_DIR: '/b' } })).toBe('/b');
  });

  it('the config\'s dataDir is used when neither is given', () => {
    expect(resolveDataDir({ config: '/c', env: {} })).toBe('/c');
  });

  it('falls back to the OS default', () => {
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/srv/xdg' } })).toBe(defaultDataDir(process.platform, { XDG_DATA_HOME: '/srv/xdg' }));
  });

  it('the database lives in the data folder', () => {
    expect(databaseFile('/d')).toBe(join('/d', 'kiosk.sqlite'));
  });
});
