// FileStore on the local disk: <data folder>/files/<first two characters of the id>/<id>. A file is written to
// a ".part" name and renamed when complete, so a reader never sees half a file and a crash leaves only a
// ".part" behind. Ids are the server's own (ids.ts, base64url): anything else is refused before it becomes a
// path, so no request can name a path outside the folder.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FileStore } from "./ports.ts";

const ID = /^[A-Za-z0-9_-]{8,64}$/;

export class DiskFileStore implements FileStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #path(id: string): string {
    if (!ID.test(id)) throw new Error("not a file id");
    return join(this.#root, id.slice(0, 2), id);
  }

  async put(id: string, bytes: Readable): Promise<number> {
    const path = this.#path(id);
    await mkdir(join(this.#root, id.slice(0, 2)), { recursive: true });
    const part = `${path}.part`;
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(bytes, count, createWriteStream(part, { flags: "wx" }));
      await rename(part, path);
      return size;
    } catch (err) {
      await rm(part, { force: true });
      throw err;
    }
  }

  async head(id: string, n: number): Promise<Uint8Array> {
    const fh = await open(this.#path(id), "r");
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await fh.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async open(id: string): Promise<Readable | null> {
    if (!ID.test(id)) return null;
    const stream = createReadStream(this.#path(id));
    // Opening is asynchronous: wait for it, so a missing file is a null here and not an error mid-response.
    return new Promise((resolve) => {
      stream.once("open", () => resolve(stream));
      stream.once("error", () => resolve(null));
    });
  }

  async remove(id: string): Promise<void> {
    if (!ID.test(id)) return;
    await rm(this.#path(id), { force: true });
  }
}
