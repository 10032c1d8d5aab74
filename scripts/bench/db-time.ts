import net from "node:net";

/**
 * Database time, measured on the wire: a pass-through proxy between the server and PostgreSQL
 * that reads only the message headers of the PostgreSQL protocol. A connection is busy from the
 * moment the server sends a Sync or a simple Query until PostgreSQL answers ReadyForQuery for the
 * last of them; summed over connections, that is the time the server waited for its queries
 * (execution plus the loopback round trip). It needs no server setting and covers every query a
 * page makes. The proxy adds a hop, so it is used in its own pass, not in the latency runs.
 */
export type DbTimer = {
  url: string;
  /** Busy milliseconds and round trips (Syncs + simple queries) so far. */
  snapshot(): { busyMs: number; roundTrips: number };
  close(): Promise<void>;
};

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const READY = 0x5a; // 'Z'

/** Calls onType for every message type byte in a stream of length-prefixed protocol messages. */
export class Scanner {
  private skip = 0;
  private head: Buffer = Buffer.alloc(0);
  /** The client's first message (startup) has no type byte. */
  constructor(private untyped: boolean) {}

  feed(chunk: Buffer, onType: (type: number) => void): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const size = this.untyped ? 4 : 5;
      const take = chunk.subarray(i, i + size - this.head.length);
      this.head = Buffer.concat([this.head, take]);
      i += take.length;
      if (this.head.length < size) return;
      if (this.untyped) {
        this.skip = this.head.readInt32BE(0) - 4;
        this.untyped = false;
      } else {
        onType(this.head[0]!);
        this.skip = this.head.readInt32BE(1) - 4;
      }
      this.head = Buffer.alloc(0);
    }
  }
}

export async function startDbTimer(databaseUrl: string, listenPort: number): Promise<DbTimer> {
  const upstream = new URL(databaseUrl);
  const host = upstream.hostname || "127.0.0.1";
  const port = Number(upstream.port || 5432);
  let busyMs = 0;
  let roundTrips = 0;
  const open = new Set<{ pending: number; since: number }>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const state = { pending: 0, since: 0 };
    open.add(state);
    const db = net.connect(port, host);
    sockets.add(client).add(db);
    const fromClient = new Scanner(true);
    const fromDb = new Scanner(false);
    client.on("data", (chunk) => {
      fromClient.feed(chunk, (type) => {
        if (type !== SYNC && type !== QUERY) return;
        roundTrips++;
        if (state.pending++ === 0) state.since = performance.now();
      });
      db.write(chunk);
    });
    db.on("data", (chunk) => {
      fromDb.feed(chunk, (type) => {
        if (type !== READY || state.pending === 0) return;
        if (--state.pending === 0) busyMs += performance.now() - state.since;
      });
      client.write(chunk);
    });
    const close = () => {
      open.delete(state);
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on("close", close).on("error", close);
    db.on("close", close).on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(address.port);
  return {
    url: proxied.toString(),
    snapshot() {
      const now = performance.now();
      let ongoing = 0;
      for (const s of open) if (s.pending > 0) ongoing += now - s.since;
      return { busyMs: busyMs + ongoing, roundTrips };
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
