import "server-only";
import os from "node:os";
import { Piscina } from "piscina";
import { prepareMessage, type Prepared } from "./prepare";

export type Parser = { parse(raws: Buffer[]): Promise<Prepared[]>; close(): Promise<void> };

const SLICE = 25;

/** Parses in this thread: for tests, and where worker threads cannot load TypeScript. */
export const inProcessParser = (): Parser => ({
  parse: (raws) => Promise.all(raws.map((raw) => prepareMessage(raw))),
  close: async () => {},
});

/**
 * Parses batches on worker threads (mailparser is CPU-bound), slices of a batch in parallel.
 * The workers load the TypeScript module through the same loader as this process (tsx).
 */
export function workerParser(threads = Math.max(1, os.availableParallelism())): Parser {
  const pool = new Piscina({
    filename: new URL("./parse-worker.ts", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    async parse(raws) {
      const slices: Buffer[][] = [];
      for (let i = 0; i < raws.length; i += SLICE) slices.push(raws.slice(i, i + SLICE));
      const results: Prepared[][] = await Promise.all(slices.map((slice) => pool.run(slice)));
      return results.flat();
    },
    close: () => pool.destroy(),
  };
}
