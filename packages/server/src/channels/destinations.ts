// Where Herald may send a webhook (PSH-8). A webhook URL is chosen by any member, and the worker POSTs signed
// message text to it: without a check that is a server-side request forgery into the operator's network
// (cloud metadata at 169.254.169.254, Redis on localhost, admin panels on 10.x). So only public unicast
// addresses are reachable by default; an operator allows on-premise relays by host name or CIDR
// (HERALD_WEBHOOK_ALLOW_HOSTS). The check runs twice: when the URL is registered (its text and what its name
// resolves to now), and for every address the name resolves to when the worker connects — a name that
// resolved to a public address at registration and to 127.0.0.1 later (DNS rebinding) is refused then.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** The operator's exceptions: exact host names (lower case) and CIDR ranges. */
export interface DestinationPolicy {
  hosts: ReadonlySet<string>;
  cidrs: readonly [Addr, number][];
}

export const NO_EXCEPTIONS: DestinationPolicy = { hosts: new Set(), cidrs: [] };

/** Parses "relay.internal, 10.20.0.0/16, fd00::/8, 192.168.1.5" (commas or spaces); throws on a bad entry. */
export function parseAllowList(raw: string): DestinationPolicy {
  const hosts = new Set<string>();
  const cidrs: [Addr, number][] = [];
  for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
    if (entry.includes("/")) {
      try {
        cidrs.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new Error(`${entry} is not a CIDR range (like 10.0.0.0/8 or fd00::/8)`);
      }
    } else if (ipaddr.isValid(entry)) {
      const a = unwrap(ipaddr.parse(entry));
      cidrs.push([a, a.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/i.test(entry)) {
      hosts.add(entry.toLowerCase().replace(/\.$/, ""));
    } else {
      throw new Error(`${entry} is neither a host name, an address nor a CIDR range`);
    }
  }
  return { hosts, cidrs };
}

/** An IPv4 address carried inside IPv6 (::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d) is judged as that IPv4. */
function unwrap(a: Addr): Addr {
  if (a.kind() === "ipv4") return a;
  const v6 = a as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const range = v6.range();
  if (range === "rfc6145" || (range === "rfc6052" && v6.parts[0] === 0x64 && v6.parts[2] === 0)) {
    const [hi, lo] = [v6.parts[6], v6.parts[7]];
    return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  }
  return a;
}

/**
 * Why an address may not be used, or null when it may: anything but public unicast — private, loopback,
 * link-local (and so cloud metadata), unique-local, CGNAT, multicast, broadcast, unspecified, documentation,
 * benchmarking and reserved ranges, 6to4/Teredo tunnels (they embed addresses we cannot judge) — unless the
 * operator listed it.
 */
export function refusedAddress(address: string, policy: DestinationPolicy): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const a = unwrap(ipaddr.parse(address));
  for (const [net, bits] of policy.cidrs) if (net.kind() === a.kind() && a.match(net, bits)) return null;
  const range = a.range();
  return range === "unicast" ? null : `${a.toString()} is a ${range} address`;
}

function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.$/, "");
}

/** Whether a host name (not an address) is listed by the operator: then its addresses are not judged. */
export function listedHost(hostname: string, policy: DestinationPolicy): boolean {
  return policy.hosts.has(bareHost(hostname));
}

export type UrlVerdict = { ok: true } | { ok: false; why: string };

/** The checks that need no DNS: scheme, credentials, a listed name, an address literal, `localhost`. */
function judgeUrlText(raw: string, policy: DestinationPolicy): UrlVerdict | { ok: "resolve"; host: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, why: "not a URL" };
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return { ok: false, why: "must be http(s)" };
  if (u.username || u.password) return { ok: false, why: "must not carry a user name or password" };
  const host = bareHost(u.hostname);
  if (listedHost(host, policy)) return { ok: true };
  if (ipaddr.isValid(host)) {
    const why = refusedAddress(host, policy);
    return why ? { ok: false, why: `not a public address (${why})` } : { ok: true };
  }
  // RFC 6761: these names are loopback whatever a resolver says.
  if (host === "localhost" || host.endsWith(".localhost")) {
    const why = refusedAddress("127.0.0.1", policy);
    return why ? { ok: false, why: `${host} is loopback` } : { ok: true };
  }
  return { ok: "resolve", host };
}

/**
 * The registration check for a URL a browser made (a Web Push endpoint): everything but DNS. The name is
 * judged, with every address it resolves to, when the worker connects (`guardedLookup`).
 */
export function checkDestinationText(raw: string, policy: DestinationPolicy): UrlVerdict {
  const verdict = judgeUrlText(raw, policy);
  return verdict.ok === "resolve" ? { ok: true } : verdict;
}

/**
 * The registration check: an http(s) URL whose host is a listed name, or an address / a name whose every
 * current address is allowed. A name that does not resolve is refused (nothing could be delivered to it).
 */
export async function checkDestination(
  raw: string,
  policy: DestinationPolicy,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<UrlVerdict> {
  const verdict = judgeUrlText(raw, policy);
  if (verdict.ok !== "resolve") return verdict;
  const host = verdict.host;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { ok: false, why: `the host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { ok: false, why: `the host ${host} does not resolve` };
  for (const address of addresses) {
    const why = refusedAddress(address, policy);
    if (why) return { ok: false, why: `${host} resolves to a non-public address (${why})` };
  }
  return { ok: true };
}

async function resolveAll(host: string): Promise<string[]> {
  const found = await dns.promises.lookup(host, { all: true, verbatim: true });
  return found.map((f) => f.address);
}

/** The error a refused connection fails with: the sender treats it as a network failure of this target. */
export class RefusedDestinationError extends Error {
  readonly code = "EHERALD_REFUSED_DESTINATION";
}

/**
 * A `lookup` for http(s).Agent: resolves as Node does, then refuses the connection when any address it would
 * try is not allowed. Node skips `lookup` for an address literal, so the poster checks those itself.
 */
export function guardedLookup(policy: DestinationPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, found) => {
      if (err) return callback(err, "", 0);
      const list = found as dns.LookupAddress[];
      if (!listedHost(hostname, policy)) {
        for (const f of list) {
          const why = refusedAddress(f.address, policy);
          if (why) return callback(new RefusedDestinationError(`${hostname}: ${why}`), "", 0);
        }
      }
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      if (list.length === 0)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
