// Where the bytes of files sent with messages live. The database keeps only their facts (store/files.ts);
// the adapter keeps the bytes by file id. One adapter today (disk.ts, under the data folder); an object store
// would be another adapter with the same four calls.
import type { Readable } from "node:stream";

export interface FileStore {
  /** Stores the stream's bytes under `id` and answers how many there were. Rejects, keeping nothing, when the
   *  stream fails (cut, disk full). */
  put(id: string, bytes: Readable): Promise<number>;
  /** The first `n` bytes (fewer for a shorter file), to read the type from the content. */
  head(id: string, n: number): Promise<Uint8Array>;
  /** The bytes, or null when there is no such file. */
  open(id: string): Promise<Readable | null>;
  /** Forgets the file; no error when it is already gone. */
  remove(id: string): Promise<void>;
}
