// A browser that brings a session cookie is told, with the page, to fetch the session and the room list while
// it loads the scripts; the widget, the reset page and a visitor without a cookie are not.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { SESSION_COOKIE } from "../../src/http/auth/hook.ts";
import { type Harness, harness } from "./harness.ts";

const PAGE = '<!doctype html><script type="module" src="/assets/app-Ab12.js"></script>';

function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), "herald-web-dist-"));
  writeFileSync(join(dist, "index.html"), PAGE);
  return dist;
}

describe("the app page's preload hint", () => {
  let h: Harness;
  before(async () => {
    h = await harness({ config: { webDist: fakeBuild() } });
  });
  after(() => h.close());

  const get = (url: string, signedIn: boolean) =>
    h.app.inject({ method: "GET", url, cookies: signedIn ? { [SESSION_COOKIE]: "some-token" } : {} });

  test("with a session cookie, the app's routes (and /) name the session and the room list", async () => {
    for (const url of ["/", "/chat", "/chat/some-room?x=1", "/settings/notifications"]) {
      const r = await get(url, true);
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.body, PAGE, url);
      assert.equal(
        r.headers.link,
        "</api/v1/auth/session>; rel=preload; as=fetch; crossorigin=use-credentials, " +
          "</api/v1/rooms>; rel=preload; as=fetch; crossorigin=use-credentials",
        url,
      );
      assert.match(String(r.headers.vary), /cookie/i, url);
      assert.equal(r.headers["cache-control"], "no-cache", url);
    }
  });

  test("no hint without a cookie, nor for the widget or the password reset page", async () => {
    for (const [url, signedIn] of [
      ["/chat", false],
      ["/", false],
      ["/widget", true],
      ["/reset-password", true],
    ] as const) {
      const r = await get(url, signedIn);
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers.link, undefined, `${url} ${signedIn}`);
    }
  });
});
