import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/scripts/client-address.mjs";
import { logger } from "./logger";
import { metrics } from "./metrics";

/**
 * One log line and the HTTP metrics per request, when its response is finished: request id, method,
 * path (no query string: it may hold a search), status, duration; a server action adds its id.
 */
export function logRequest(request: IncomingMessage, response: ServerResponse): void {
  const started = process.hrtime.bigint();
  response.once("finish", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const method = request.method ?? "GET";
    metrics.httpRequests.inc({ method, status: String(response.statusCode) });
    metrics.httpDuration.observe({ method }, seconds);
    const path = (request.url ?? "").split("?")[0] ?? "";
    if (path.startsWith("/_next/static")) return;
    const action = request.headers["next-action"];
    logger.info(
      {
        reqId: request.headers[REQUEST_ID_HEADER],
        method,
        path,
        status: response.statusCode,
        ms: Math.round(seconds * 1000),
        client: request.headers[CLIENT_ADDRESS_HEADER],
        ...(typeof action === "string" ? { action } : {}),
      },
      "request",
    );
  });
}

/** Makes scripts/client-address.mjs call logRequest for every request of this process. */
export function installRequestLog(): void {
  (globalThis as { __mailroomOnRequest?: typeof logRequest }).__mailroomOnRequest = logRequest;
}
