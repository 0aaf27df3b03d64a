import type { KioskConfig, KioskConfigInput } from '../config/schema';

/**
 * Help from afar in the preview (issue 16): the demo site offers "Get help
 * on the screen" around the clock (the kiosk page shares its own tab), and
 * `--turn turn:HOST:PORT` with the secret in TUPA_TURN_SECRET sends the
 * media through that TURN server (coturn with --use-auth-secret).
 */
export function remoteHelpDemo(demo: KioskConfigInput): KioskConfigInput {
  const always = [{ from: '00:00', to: '24:00' }];
  return { ...demo, remoteHelp: { enabled: true, hours: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always } } };
}

/** The demo with a TURN server: its address in the policy, its secret in the hub's part of the configuration only. */
export function withTurnServer(config: KioskConfig, url: string | undefined, secret = process.env.TUPA_TURN_SECRET): KioskConfig {
  if (!url) return config;
  if (!secret || secret.length < 16) throw new Error('--turn needs the TURN server\'s shared secret (16 characters or more) in the environment variable TUPA_TURN_SECRET');
  if (!/^turns?:/.test(url)) throw new Error(`--turn must be a TURN address such as turn:127.0.0.1:3478, not ${url}`);
  return { ...config, remoteHelp: { ...config.remoteHelp, turnUrls: [url] }, hub: { ...config.hub, turnSecret: secret } };
}
