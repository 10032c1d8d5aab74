/** See client-address.mjs. */
export const CLIENT_ADDRESS_HEADER: string;
export const REQUEST_ID_HEADER: string;
export function normalizeAddress(value: unknown): string | null;
export type TrustedProxies = { size: number; has(address: string): boolean };
export function parseTrustedProxies(text?: string): TrustedProxies;
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string;
export function installClientAddress(env?: Record<string, string | undefined>): void;
