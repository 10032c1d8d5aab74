import { clientAddressOf } from "@/lib/auth/client-address";
import { metricsAllowed } from "@/lib/observability/metrics-access";
import { metrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/** Prometheus metrics: for the loopback interface, or with MAILROOM_METRICS_TOKEN as a bearer token. */
export async function GET(request: Request) {
  const allowed = metricsAllowed({
    client: clientAddressOf(request.headers),
    authorization: request.headers.get("authorization"),
    token: process.env.MAILROOM_METRICS_TOKEN,
  });
  if (!allowed) return new Response("Not found", { status: 404 });
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
}
