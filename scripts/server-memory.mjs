import { fileURLToPath } from "node:url";

// The production server's V8 memory settings, shared by the run script and the benchmark so that
// what is measured is what runs. A capped old space makes V8 collect before the heap grows: the
// benchmark measured peak RSS 483 MB without it and 258 MB with 192 MB (docs/benchmarks.md), at the
// same latency. MAILROOM_HEAP_MB changes the cap; a --max-old-space-size in NODE_OPTIONS wins.
// It also preloads the client-address resolution (client-address.mjs), which the sign-in limits need.
const preload = fileURLToPath(new URL("./client-address-preload.mjs", import.meta.url));

export function serverNodeOptions(env = process.env) {
  let current = env.NODE_OPTIONS ?? "";
  if (!current.includes(preload)) current = `${current} --import=${preload}`.trim();
  if (/--max-old-space-size/.test(current)) return current;
  const heapMb = Number(env.MAILROOM_HEAP_MB) > 0 ? Number(env.MAILROOM_HEAP_MB) : 256;
  return `${current} --max-old-space-size=${heapMb} --max-semi-space-size=8`.trim();
}
