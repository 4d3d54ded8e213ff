// Device fingerprints for login detection (LGN-1): browser family + OS + network (IPv4 /24, IPv6 /48).
import { sha256 } from "../../ids.ts";

export interface DeviceInfo {
  browser: string;
  os: string;
  network: string;
  fingerprint: string;
}

function browserOf(ua: string): string {
  if (/Edg\//.test(ua)) return "Edge";
  if (/OPR\//.test(ua)) return "Opera";
  if (/Firefox\//.test(ua)) return "Firefox";
  if (/Chrom(e|ium)\//.test(ua)) return "Chrome";
  if (/Safari\//.test(ua)) return "Safari";
  if (/curl\//.test(ua)) return "curl";
  return "Other";
}

function osOf(ua: string): string {
  if (/Android/.test(ua)) return "Android";
  if (/iPhone|iPad|iPod/.test(ua)) return "iOS";
  if (/Windows/.test(ua)) return "Windows";
  if (/Mac OS X|Macintosh/.test(ua)) return "macOS";
  if (/CrOS/.test(ua)) return "ChromeOS";
  if (/Linux/.test(ua)) return "Linux";
  return "Other";
}

export function networkOf(ip: string): string {
  const v4 = ip.replace(/^::ffff:/, "");
  const m = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(v4);
  if (m) return `${m[1]}.${m[2]}.${m[3]}.0/24`;
  const groups = ip.split(":").slice(0, 3).join(":");
  return `${groups}::/48`;
}

export function deviceOf(userAgent: string, ip: string): DeviceInfo {
  const browser = browserOf(userAgent);
  const os = osOf(userAgent);
  const network = networkOf(ip);
  return { browser, os, network, fingerprint: sha256(`${browser}|${os}|${network}`) };
}
