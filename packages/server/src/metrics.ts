// Prometheus metrics (GEN-8, GEN-3). One registry per Services (tests build many apps in one process, so no
// global registry); each part asks for its metrics with the getters below, which create them on first use and
// return the same objects afterwards. Names and labels are the contract with dashboards: keep them stable.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** A registry with the default process metrics (CPU, memory, event loop lag). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

interface Spec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export function counter<L extends string>(registry: Registry, spec: Spec<L>): Counter<L> {
  const have = registry.getSingleMetric(spec.name);
  if (have) return have as Counter<L>;
  return new Counter({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] });
}

export function gauge<L extends string>(registry: Registry, spec: Spec<L>): Gauge<L> {
  const have = registry.getSingleMetric(spec.name);
  if (have) return have as Gauge<L>;
  return new Gauge({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] });
}

export function histogram<L extends string>(
  registry: Registry,
  spec: Spec<L> & { buckets: number[] },
): Histogram<L> {
  const have = registry.getSingleMetric(spec.name);
  if (have) return have as Histogram<L>;
  return new Histogram({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] });
}

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RECIPIENTS = [0, 1, 2, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000];

/** HTTP API (ops.ts): every answered request, by route pattern (never the raw URL: ids would explode it). */
export function httpMetrics(registry: Registry) {
  return {
    requests: counter(registry, {
      name: "herald_http_requests_total",
      help: "HTTP requests by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
    }),
  };
}

/** The message path: posts, their latency as the client sees it, and how many members each reaches. */
export function messageMetrics(registry: Registry) {
  return {
    posted: counter(registry, {
      name: "herald_messages_posted_total",
      help: "Messages posted (committed), by room kind",
      labelNames: ["room_kind"] as const,
    }),
    fanout: histogram(registry, {
      name: "herald_message_fanout_recipients",
      help: "Recipients per posted message (room members but the sender)",
      buckets: RECIPIENTS,
    }),
    postSeconds: histogram(registry, {
      name: "herald_message_post_duration_seconds",
      help: "Time to answer POST /rooms/:id/messages (validation, transaction, after-commit hooks)",
      labelNames: ["status"] as const,
      buckets: SECONDS,
    }),
  };
}

/** For the gateway: live WebSocket connections and frames by direction (in = from clients, out = to them). */
export function gatewayMetrics(registry: Registry) {
  return {
    connections: gauge(registry, {
      name: "herald_gateway_connections",
      help: "Open WebSocket connections on this node",
    }),
    frames: counter(registry, {
      name: "herald_gateway_frames_total",
      help: "WebSocket frames by direction (in, out)",
      labelNames: ["direction"] as const,
    }),
  };
}

/** For the scheduler: deliveries by channel, outcome and rule (GEN-3). */
export function deliveryMetrics(registry: Registry) {
  return {
    // Same name and labels as jobs/context.ts deliveryCounter(): both resolve to this one metric.
    deliveries: counter(registry, {
      name: "herald_deliveries_total",
      help: "Push and email deliveries by channel, outcome (sent, skipped, failed) and rule/reason (GEN-3)",
      labelNames: ["channel", "outcome", "reason"] as const,
    }),
  };
}

/** Pending work per channel, as the outbox holds it right now. */
export type QueueDepthReader = () => Promise<Partial<Record<string, number>>>;

/** `herald_delivery_queue_depth`: read from the outbox at each scrape (never a running tally that drifts when
 *  a worker dies), by the processes that run the worker role. Both channels always show, 0 when empty. */
export function deliveryQueueDepth(registry: Registry, read: QueueDepthReader): Gauge<"channel"> {
  const have = registry.getSingleMetric("herald_delivery_queue_depth");
  if (have) return have as Gauge<"channel">;
  return new Gauge({
    name: "herald_delivery_queue_depth",
    help: "Deliveries waiting in the outbox (pending or being sent), by channel",
    labelNames: ["channel"] as const,
    registers: [registry],
    async collect() {
      // A database that does not answer keeps the last values rather than failing the whole scrape.
      const depth = await read().catch(() => null);
      if (!depth) return;
      for (const channel of new Set(["push", "email", ...Object.keys(depth)]))
        this.set({ channel }, depth[channel] ?? 0);
    },
  });
}
