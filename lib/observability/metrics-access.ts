import "server-only";
import { timingSafeEqual } from "node:crypto";

/** Who may read /api/metrics: with a token configured, its bearer; otherwise the loopback interface. */
export function metricsAllowed(input: { client: string; authorization: string | null; token?: string }): boolean {
  if (input.token) {
    const given = Buffer.from(input.authorization?.replace(/^Bearer\s+/i, "") ?? "");
    const expected = Buffer.from(input.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return input.client === "127.0.0.1" || input.client === "::1";
}
