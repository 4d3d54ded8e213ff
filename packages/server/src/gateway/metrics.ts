// GEN-8: gateway metrics on the server's registry, through the shared getters in ../metrics.ts (created once
// per registry, so several apps in one test process do not collide).
import { histogram, gatewayMetrics as sharedGatewayMetrics } from "../metrics.ts";
import type { Services } from "../services.ts";
import type { GatewayMetrics } from "./gateway.ts";

export function gatewayMetrics(services: Pick<Services, "metrics">): GatewayMetrics {
  const shared = sharedGatewayMetrics(services.metrics);
  const duration = histogram(services.metrics, {
    name: "herald_gateway_fanout_duration_seconds",
    help: "Time to decide and write one message fan-out on this node",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  });
  return {
    connections: (delta) => shared.connections.inc(delta),
    fanout: (_members, writes, ms) => {
      duration.observe(ms / 1000);
      shared.frames.inc({ direction: "out" }, writes);
    },
    frameIn: () => shared.frames.inc({ direction: "in" }),
  };
}
