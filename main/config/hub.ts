import { z } from 'zod';

const int = (min: number, max: number) => z.int().min(min).max(max);

/** The hub's network side: where it listens, its certificate's names, how it tells a phone. */
export const hubNetworkSchema = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0').meta({ description: 'The address the hub listens on (0.0.0.0: every interface of this machine).' }),
      port: int(1, 65535).default(8443).meta({ description: 'The hub\'s HTTPS port (advisor console, PCs).' }),
    })
    .prefault({}),
  hostnames: z
    .array(z.string().min(1).max(253))
    .default([])
    .meta({ description: 'Names and addresses under which PCs and advisors reach the hub, for its certificate (localhost and this machine\'s addresses are always included).' }),
  limits: z
    .strictObject({
      maxConnections: int(50, 100_000).default(1_000).meta({ description: 'Open connections to the hub at most, from everyone (a site needs a few per PC and per advisor).' }),
      connectionsPerSource: int(4, 10_000).default(64).meta({
        description: 'Open connections at most from one address (an IPv6 /64 counts as one). Raise it when many PCs reach the hub through one address (NAT, a proxy).',
      }),
      reservedConnections: int(0, 50_000).default(250).meta({
        description: 'The last this many of maxConnections are kept for addresses a paired PC or a signed-in advisor has used since the hub started.',
      }),
      handshakeSeconds: int(1, 120).default(5).meta({ description: 'A connection must finish its TLS handshake within this time.' }),
      silentSeconds: int(1, 300).default(10).meta({
        description: 'A connection that sends no request for this long once its TLS handshake is done is closed.',
      }),
      pcMessagesPerSecond: int(1, 10_000).default(20).meta({ description: 'Messages a PC may send per second on average; more are dropped.' }),
      pcMessageBurst: int(1, 100_000).default(60).meta({ description: 'Messages a PC may send at once before the per-second limit applies.' }),
      pcFloodCloseSeconds: int(1, 600).default(10).meta({ description: 'A PC over its message limit for this long without a pause is disconnected for a minute.' }),
    })
    .refine((limits) => limits.reservedConnections < limits.maxConnections, { path: ['reservedConnections'], error: 'must be less than maxConnections' })
    .refine((limits) => limits.connectionsPerSource <= limits.maxConnections, { path: ['connectionsPerSource'], error: 'must not be more than maxConnections' })
    // How much one machine may ask of the hub: connections, TLS handshakes, a PC's messages (docs/site-hub.md).
    .prefault({}),
  turnSecret: z
    .string()
    .min(16)
    .max(200)
    .optional()
    .meta({ description: 'The TURN server\'s shared secret (coturn\'s static-auth-secret), for remote help\'s short-lived credentials. Stays at the hub; never logged.' }),
  offlineAfterSeconds: int(5, 600).default(15).meta({ description: 'A PC silent for this long is shown as offline.' }),
  clockSkewWarnSeconds: int(1, 600).default(5).meta({ description: 'A PC whose clock differs from the hub\'s by more than this is reported.' }),
  webhooks: z
    .array(
      z
        .strictObject({
          url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }),
          format: z.enum(['json', 'ntfy']).default('json'),
          topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().meta({ description: 'The ntfy topic (format "ntfy": the url is then the ntfy server\'s root).' }),
          secret: z.string().min(16).optional().meta({ description: 'Signs each body (X-Tupa-Signature: sha256=HMAC).' }),
          token: z
            .string()
            .regex(/^[\x21-\x7e]{8,200}$/, 'must be 8 to 200 printable characters without spaces')
            .optional()
            .meta({ description: 'Sent as "Authorization: Bearer <token>" (e.g. an ntfy access token). Never logged.' }),
        })
        .superRefine((hook, ctx) => {
          const url = new URL(hook.url);
          if (url.username || url.password) {
            ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not hold a user name or password: give an access token in "token" instead' });
          }
          const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
          if (url.protocol === 'http:' && !loopback && (hook.token || hook.secret)) {
            ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be https:// when a token or secret is set (http would send them in the clear)' });
          }
        }),
    )
    .default([])
    .meta({ description: 'Addresses told of every help call by an HTTP POST, retried until delivered (e.g. an ntfy server for the advisor\'s phone).' }),
});

export type HubNetwork = z.output<typeof hubNetworkSchema>;
export type HubLimits = HubNetwork['limits'];
