import { CLIENT_ADDRESS_HEADER } from "@/scripts/client-address.mjs";

/**
 * The client's address as the server process resolved it from the socket (and the trusted proxies
 * of MAILROOM_TRUSTED_PROXIES): scripts/client-address.mjs, preloaded by the run script, writes it
 * over anything the client sent. "unknown" when the server was started without it.
 */
export function clientAddressOf(headers: { get(name: string): string | null } | undefined): string {
  return headers?.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
