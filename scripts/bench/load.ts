import autocannon from "autocannon";

/**
 * Drives one request with autocannon for a bounded time, after a warm-up, and keeps every
 * response time so that p50/p95/p99 are exact (autocannon's own summary has no p95).
 */
export type HttpRequest = {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Statuses that count as success (default: 200). */
  expect?: number[];
};

export type LoadResult = {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses with another status than expected. */
  badStatus: number;
  /** Connection errors and time-outs. */
  errors: number;
  statuses: Record<string, number>;
  /** Responses to the warm-up before the measured run (a send stores a message for each). */
  warmupRequests?: number;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function run(baseUrl: string, request: HttpRequest, connections: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    const expect = request.expect ?? [200];
    let badStatus = 0;
    const instance = autocannon(
      {
        url: `${baseUrl}${request.path}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        resolve({
          connections,
          seconds,
          requests: times.length,
          rps: times.length / seconds,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          badStatus,
          errors: result.errors + result.timeouts,
          statuses,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!expect.includes(status)) badStatus++;
    });
  });
}

export async function measure(
  baseUrl: string,
  request: HttpRequest,
  options: { connections: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult> {
  const warmup =
    options.warmupSeconds > 0 ? await run(baseUrl, request, options.connections, options.warmupSeconds) : null;
  return {
    ...(await run(baseUrl, request, options.connections, options.seconds)),
    warmupRequests: warmup?.requests ?? 0,
  };
}
