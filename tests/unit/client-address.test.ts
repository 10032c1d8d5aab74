import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  installClientAddress,
  parseTrustedProxies,
  resolveClientAddress,
} from "../../scripts/client-address.mjs";

const none = parseTrustedProxies("");

describe("the client's address (sign-in limits)", () => {
  it("is the socket's, whatever X-Forwarded-For says, when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.5", "127.0.0.1", none)).toBe("203.0.113.5");
    expect(resolveClientAddress("::ffff:203.0.113.5", "198.51.100.1, 127.0.0.1", none)).toBe("203.0.113.5");
  });

  it("walks X-Forwarded-For from the right only through the configured proxies", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1");
    // The client forged the first entry; the trusted proxy appended the real one.
    expect(resolveClientAddress("127.0.0.1", "127.0.0.1, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.1.2.3", "203.0.113.9, 10.0.0.4", trusted)).toBe("203.0.113.9");
    // An untrusted peer's header is ignored.
    expect(resolveClientAddress("192.0.2.1", "127.0.0.1", trusted)).toBe("192.0.2.1");
    // A garbled hop stops the walk at the last address known.
    expect(resolveClientAddress("127.0.0.1", "not-an-ip", trusted)).toBe("127.0.0.1");
  });

  it("refuses a configuration that is not addresses or ranges", () => {
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/MAILROOM_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow(/prefix/);
  });

  it("is set on every request of the process's HTTP servers, over anything the client sent", async () => {
    installClientAddress({ MAILROOM_TRUSTED_PROXIES: "" });
    const server = http.createServer((req, res) => res.end(String(req.headers[CLIENT_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { "x-forwarded-for": "192.0.2.200", [CLIENT_ADDRESS_HEADER]: "192.0.2.201" },
    });
    expect(await res.text()).toBe("127.0.0.1");
    server.close();
  });
});
