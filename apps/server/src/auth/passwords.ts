// Passwords hashed with Argon2id (@node-rs/argon2, no build step). The cost is set so a login
// verifies in well under 150 ms on a 2-core server while staying above OWASP's minimum
// (19 MiB, 2 passes): 32 MiB, 2 passes, one lane.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** `algorithm: 2` is Argon2id (the package's `Algorithm` is a const enum, which isolated modules cannot read). */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 32 * 1024, timeCost: 2, parallelism: 1 } as const;

/** Shortest password a person may choose. */
export const MIN_PASSWORD_LENGTH = 8;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

/** False for a wrong password and for a malformed stored hash alike. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A one-time password a person can read aloud and type: 4 groups of 4 from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[randomInt(alphabet.length)];
  }
  return out;
}
