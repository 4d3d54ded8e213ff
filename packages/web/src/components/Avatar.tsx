import type { PresenceStatus } from "../lib/types.ts";

const COLORS = ["#2f5d8a", "#4f7a3a", "#8a4f2f", "#6a3f8a", "#2f7a7a", "#8a2f5d"];

function hue(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length];
}

export function Avatar({
  name,
  status,
  size = 32,
}: {
  name: string;
  status?: PresenceStatus;
  size?: number;
}) {
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <span className="avatar" style={{ width: size, height: size, background: hue(name) }} aria-hidden="true">
      {initials || "?"}
      {status && <span className={`presence ${status}`} title={status} />}
    </span>
  );
}

export function PresenceLabel({ status }: { status?: PresenceStatus }) {
  if (!status) return null;
  return <span className={`presence-label ${status}`}>{status === "busy" ? "do not disturb" : status}</span>;
}
