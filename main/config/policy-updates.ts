import { z } from 'zod';

/**
 * An Ed25519 public key in PEM: its SubjectPublicKeyInfo is always 44 bytes,
 * the algorithm's identifier (1.3.101.112) then the 32-byte key, so its
 * base64 always starts "MCowBQYDK2VwAyEA" (checked without node:crypto, which
 * the console's type-check cannot see).
 */
const ED25519_PEM = /^-----BEGIN PUBLIC KEY-----\s*MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=\s*-----END PUBLIC KEY-----\s*$/;

/**
 * Updates through the hub (issue 15): when a PC may install a downloaded
 * release, how often it asks its hub, and the key releases must be signed
 * with (docs/deployment.md, "Updates through the hub").
 */
export const updatesSchema = z
  .strictObject({
    quietMinutes: z.int().min(0).max(240).default(30).meta({
      description: 'A PC installs a downloaded update only on its welcome screen with no booking holding it now or starting within this many minutes (never during a session).',
    }),
    checkMinutes: z.int().min(5).max(24 * 60).default(60).meta({ description: 'How often a PC asks its hub for an update, in minutes.' }),
    releaseKey: z
      .string()
      .max(1000)
      .regex(ED25519_PEM, { error: 'must be an Ed25519 public key in PEM ("-----BEGIN PUBLIC KEY-----" …)' })
      .optional()
      .meta({
        description: 'The release signing key (Ed25519 public key, PEM). When set, "tupa hub update add" takes a release only with a valid detached signature (latest-linux.yml.sig) of each metadata file.',
      }),
  })
  .prefault({});
