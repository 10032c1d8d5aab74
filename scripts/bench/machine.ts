import os from "node:os";

/** The machine the figures were taken on. */
export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; database: string };

export function describeMachine(database: string): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    database,
  };
}
