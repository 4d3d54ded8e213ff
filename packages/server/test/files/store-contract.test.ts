// The FileStore contract, run against every adapter (today: the disk one). A failed write keeps nothing, a
// finished one is read back whole, removal is idempotent, and ids that are not the server's never become paths.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { after, describe, test } from "node:test";
import { DiskFileStore } from "../../src/files/disk.ts";
import type { FileStore } from "../../src/files/ports.ts";
import { newId } from "../../src/ids.ts";

const root = mkdtempSync(join(tmpdir(), "herald-files-"));
after(() => rmSync(root, { recursive: true, force: true }));

const adapters: [string, () => { store: FileStore; names(): string[] }][] = [
  [
    "disk",
    () => {
      const dir = mkdtempSync(join(root, "disk-"));
      return {
        store: new DiskFileStore(dir),
        names: () =>
          readdirSync(dir, { recursive: true, withFileTypes: true })
            .filter((d) => d.isFile())
            .map((d) => d.name),
      };
    },
  ],
];

for (const [name, make] of adapters) {
  describe(`FileStore contract: ${name}`, () => {
    test("put answers the size; head and open read it back; remove forgets it, twice without error", async () => {
      const { store } = make();
      const id = newId();
      assert.equal(await store.put(id, Readable.from([Buffer.from("hello "), Buffer.from("world")])), 11);
      assert.equal(Buffer.from(await store.head(id, 5)).toString(), "hello");
      assert.equal(
        Buffer.from(await store.head(id, 100)).toString(),
        "hello world",
        "a short file gives what it has",
      );
      const stream = await store.open(id);
      assert.ok(stream);
      assert.equal(await text(stream), "hello world");
      await store.remove(id);
      assert.equal(await store.open(id), null);
      await store.remove(id);
    });

    test("a stream that fails midway keeps nothing, not even a partial file", async () => {
      const { store, names } = make();
      const id = newId();
      const failing = new Readable({
        read() {
          this.push(Buffer.from("part of it"));
          this.destroy(new Error("client went away"));
        },
      });
      await assert.rejects(store.put(id, failing), /client went away/);
      assert.equal(await store.open(id), null);
      assert.deepEqual(names(), []);
    });

    test("ids that are not the server's are refused before they become paths", async () => {
      const { store } = make();
      for (const bad of ["../../etc/passwd", "..", "a/b", "", "x".repeat(100)]) {
        await assert.rejects(store.put(bad, Readable.from(["x"])), /not a file id/);
        assert.equal(await store.open(bad), null);
        await store.remove(bad);
      }
    });
  });
}
