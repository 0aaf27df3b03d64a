import { z } from 'zod';
import { join } from 'node:path';
import { sitePolicySchema } from '../config/policy';
import type { KioskConfig } from '../config/schema';
import type { HubOptions } from './compose';

/**
 * What a hub takes from a configuration file: the site's name, zone,
 * network and the policy it starts with. A hub embedded in a kiosk and a
 * headless one read the same file format; either keeps its data in
 * `<data folder>/hub`, where the command line finds it.
 */
export function hubOptionsFromConfig(config: KioskConfig, dataDir: string): Pick<HubOptions, 'dataDir' | 'siteName' | 'timeZone' | 'network' | 'initialPolicy' | 'defaultLocale'> {
  return {
    dataDir: join(dataDir, 'hub'),
    siteName: config.hub.siteName ?? config.room.name,
    timeZone: config.timeZone,
    defaultLocale: config.languages.default ?? config.locales.default,
    network: {
      listen: config.hub.listen,
      hostnames: config.hub.hostnames,
      limits: config.hub.limits,
      offlineAfterSeconds: config.hub.offlineAfterSeconds,
      clockSkewWarnSeconds: config.hub.clockSkewWarnSeconds,
      webhooks: config.hub.webhooks,
      // Remote help's TURN credentials are made from it; without it the hub hands out no TURN server at all.
      turnSecret: config.hub.turnSecret,
    },
    // The policy's fields of the PC's configuration, the rest left out.
    initialPolicy: z.object(sitePolicySchema.shape).parse(config),
  };
}
