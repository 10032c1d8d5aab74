import "server-only";
import type { AdminErrorCode } from "@/lib/errors";
import { hash, verify } from "@node-rs/argon2";

/** argon2id above OWASP's minimum (m = 19 MiB, t = 2, p = 1). */
export const ARGON2_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum)
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when there is no account, so timing tells nothing. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("mailroom-dummy-password-for-constant-timing");
  return dummy;
}

/** A sensible strength rule: at least 10 characters, not all of one kind. */
export function passwordProblem(password: string): AdminErrorCode | null {
  if (password.length < 10) return "passwordTooShort";
  if (password.length > 256) return "passwordTooLong";
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 2) return "passwordTooSimple";
  return null;
}
