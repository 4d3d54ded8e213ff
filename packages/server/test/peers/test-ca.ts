// A test CA and a server certificate it signed for localhost / 127.0.0.1, made with openssl at test time
// (node:crypto makes keys but not X.509 certificates). The client trusts only this CA, as it would trust
// Apple's and Google's: a peer with another certificate fails the TLS handshake.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestTls {
  /** PEM of the CA certificate: what HERALD_PUSH_CA_PATH points at. */
  ca: string;
  caPath: string;
  key: string;
  cert: string;
}

let made: TestTls | null = null;

export function testTls(): TestTls {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), "herald-ca-"));
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  ssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", f("ca.key"));
  ssl(
    "req",
    "-x509",
    "-new",
    "-key",
    f("ca.key"),
    "-subj",
    "/CN=Herald Test CA",
    "-days",
    "2",
    "-sha256",
    "-out",
    f("ca.pem"),
  );
  ssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", f("server.key"));
  ssl("req", "-new", "-key", f("server.key"), "-subj", "/CN=localhost", "-out", f("server.csr"));
  writeFileSync(
    f("ext.cnf"),
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
  );
  ssl(
    "x509",
    "-req",
    "-in",
    f("server.csr"),
    "-CA",
    f("ca.pem"),
    "-CAkey",
    f("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-sha256",
    "-extfile",
    f("ext.cnf"),
    "-out",
    f("server.pem"),
  );
  made = {
    ca: readFileSync(f("ca.pem"), "utf8"),
    caPath: f("ca.pem"),
    key: readFileSync(f("server.key"), "utf8"),
    cert: readFileSync(f("server.pem"), "utf8"),
  };
  return made;
}
