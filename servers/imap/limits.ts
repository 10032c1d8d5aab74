import type { ImapLimits } from "./config";
import type { ImapCoreServer, ImapSession } from "./imap-core";

/**
 * Open IMAP connections, per client address and in all, shared by every IMAP port of the process.
 * A connection past either cap is greeted with `* BYE` and closed before anything else is read.
 */
export class ConnectionLimiter {
  private perClient = new Map<string, number>();
  private total = 0;
  constructor(readonly limits: ImapLimits) {}

  /** Counts a new connection, or says why it is refused. */
  admit(address: string): string | null {
    const mine = this.perClient.get(address) ?? 0;
    if (this.total >= this.limits.maxConnections) return "Too many connections to this server, try again later";
    if (mine >= this.limits.maxConnectionsPerClient)
      return `Too many connections from your address (at most ${this.limits.maxConnectionsPerClient})`;
    this.total++;
    this.perClient.set(address, mine + 1);
    return null;
  }

  release(address: string) {
    this.total = Math.max(0, this.total - 1);
    const mine = (this.perClient.get(address) ?? 1) - 1;
    if (mine > 0) this.perClient.set(address, mine);
    else this.perClient.delete(address);
  }

  open(): number {
    return this.total;
  }
}

/** Applies the limiter to a protocol-layer server through its onConnect hook. */
export function limitConnections(server: ImapCoreServer, limiter: ConnectionLimiter): void {
  server.onConnect = (session: ImapSession, callback: (err?: Error) => void) => {
    const address = String(session.remoteAddress ?? "");
    const refusal = limiter.admit(address);
    if (refusal) return callback(new Error(refusal)); // the core answers "* BYE <message>" and closes
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      limiter.release(address);
    };
    session.socket?.once("close", release);
    if (session.socket?.destroyed) release();
    callback();
  };
}
