import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// scrypt with a per-user salt (OWASP: N=2^15, r=8, p=1 is ≥ the recommended minimum).
const parameters = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

/** 'scrypt$N$r$p$salt$hash', self-describing so the parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, keyLength, parameters);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    // Spend the same time as a real check, so the answer does not reveal whether the account has a password.
    await scrypt(password, crypto.randomBytes(16), keyLength, parameters);
    return false;
  }
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: parameters.maxmem,
  });
  return crypto.timingSafeEqual(actual, expected);
}

export interface PasswordPolicy {
  minLength: number;
}

/** The rule a password broke, in words, or null when it is acceptable. */
export function passwordProblem(password: string, policy: PasswordPolicy): string | null {
  if (password.length < policy.minLength) return `A password needs at least ${policy.minLength} characters.`;
  if (password.length > 256) return 'A password can have at most 256 characters.';
  if (new Set(password).size < 4) return 'A password needs at least 4 different characters.';
  return null;
}

/** A password for first-run and generated accounts: 20 characters, ~119 bits. */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString('base64url').slice(0, 20);
}
