// Files sent with messages: POST /rooms/{id}/files takes one file (multipart/form-data) with an optional text
// and posts them as one message through the message path; GET /files/{id} serves a file to the members of its
// room only (404 to everyone else, GEN-5). The type is read from the content (files/sniff.ts); the size limit
// is HERALD_FILE_MAX_MB.
import multipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { FileView } from "../../events.ts";
import { contentType, inlineImage, SNIFF_BYTES } from "../../files/sniff.ts";
import { newId } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { fileById } from "../../store/files.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import { roomAccess } from "../messages/access.ts";
import { MAX_TEXT_BYTES, postMessage } from "../messages/post.ts";
import { WrittenAnswer } from "../messages/view.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Params = Type.Object({ id: Id });
/** Longest file name kept; longer names are cut (keeping the extension readable is the browser's job). */
const NAME_MAX = 255;

const tooLarge = (maxMb: number) =>
  new AppError(413, "file_too_large", `the file is larger than ${maxMb} MB`, "file");

interface Upload {
  id: string;
  name: string;
  size: number;
  fields: Record<string, string>;
}

export async function fileRoutes(app: App, services: Services): Promise<void> {
  const { db } = services.store;
  const maxMb = services.config.fileMaxMb;
  const maxBytes = maxMb * 1024 * 1024;

  // Multipart is parsed only in this scope: every other route keeps taking JSON alone.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: MAX_TEXT_BYTES, parts: 5 },
    });

    scope.post(
      "/rooms/:id/files",
      {
        schema: {
          tags: ["files"],
          params: Params,
          consumes: ["multipart/form-data"],
          description:
            'multipart/form-data: `file` (one file), optional `text`, `threadRootId`, `alsoInRoom` ("true")',
          response: { 201: WrittenAnswer },
        },
        config: { rate: "post" },
      },
      async (req, reply) => {
        const p = me(req);
        // Membership before reading a byte: a stranger's upload never reaches the disk.
        const access = await roomAccess(db, req.params.id, p.userId);
        if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
        if (!req.isMultipart())
          throw new AppError(415, "unsupported_media_type", "send the file as multipart/form-data");
        const upload = await receive(req.parts(), services, maxBytes, maxMb);
        let posted: Awaited<ReturnType<typeof postMessage>>;
        try {
          const type = await checkedType(services, upload);
          const file: FileView = { id: upload.id, name: upload.name, type, size: upload.size };
          const f = upload.fields;
          posted = await postMessage(services, p, req.params.id, {
            text: f.text ?? "",
            ...(f.threadRootId ? { threadRootId: f.threadRootId } : {}),
            alsoInRoom: f.alsoInRoom === "true",
            files: [file],
          });
        } catch (err) {
          // Refused or failed: nothing is kept, on disk or in the database.
          await services.files.remove(upload.id);
          throw err;
        }
        return reply.status(201).send(posted);
      },
    );
  });

  app.get(
    "/files/:id",
    {
      schema: {
        tags: ["files"],
        params: Params,
        description:
          "the file's bytes, to members of its room; images shown inline, everything else as a download",
        response: {
          200: {
            description: "the file's bytes, with its type as Content-Type",
            content: {
              "application/octet-stream": {
                schema: Type.Unsafe<unknown>({ type: "string", format: "binary" }),
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const row = await fileById(db, req.params.id);
      const access = row ? await visibleRoom(db, row.room_id, me(req).userId) : null;
      if (!row || !access || access.lastReadSeq === null) throw notFound("file_not_found", "no such file");
      const bytes = await services.files.open(row.id);
      if (!bytes) throw notFound("file_not_found", "no such file");
      const inline = inlineImage(row.type);
      return (
        reply
          .header("content-type", row.type === "text/plain" ? "text/plain; charset=utf-8" : row.type)
          .header("content-length", String(row.size))
          .header("content-disposition", disposition(inline ? "inline" : "attachment", row.name))
          .header("x-content-type-options", "nosniff")
          // Opened on its own, a file runs nothing and loads nothing, whatever it holds.
          .header(
            "content-security-policy",
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
          )
          .header("cache-control", "private, max-age=3600")
          .send(bytes)
      );
    },
  );
}

type Parts = AsyncIterableIterator<import("@fastify/multipart").Multipart>;

/** Reads the form: the one file into the FileStore, the text fields into memory. */
async function receive(parts: Parts, services: Services, maxBytes: number, maxMb: number): Promise<Upload> {
  const upload: Upload = { id: newId(), name: "", size: 0, fields: {} };
  let stored = false;
  try {
    for await (const part of parts) {
      if (part.type === "field") {
        if (!["text", "threadRootId", "alsoInRoom"].includes(part.fieldname))
          throw badRequest("unknown_field", `unknown field ${part.fieldname}`, part.fieldname);
        if (part.valueTruncated) throw badRequest("text_too_long", "text is longer than 16 KiB", "text");
        upload.fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== "file")
        throw badRequest("unknown_field", `unknown field ${part.fieldname}`, part.fieldname);
      const size = await services.files.put(upload.id, part.file);
      stored = true;
      if (part.file.truncated || size > maxBytes) throw tooLarge(maxMb);
      upload.name = fileName(part.filename);
      upload.size = size;
    }
  } catch (err) {
    if (stored) await services.files.remove(upload.id);
    throw asClientError(err, maxMb);
  }
  if (!stored) throw badRequest("missing_file", "attach a file in the field named file", "file");
  if (upload.size === 0) {
    await services.files.remove(upload.id);
    throw badRequest("empty_file", "the file is empty", "file");
  }
  return upload;
}

/** The type read from the stored bytes; refused when it is neither a known format nor text. */
async function checkedType(services: Services, upload: Upload): Promise<string> {
  const type = await contentType(await services.files.head(upload.id, SNIFF_BYTES));
  if (!type) throw new AppError(415, "unsupported_file_type", "this kind of file cannot be sent", "file");
  return type;
}

/** Multipart's own limits (too many files, fields or parts; a cut body) are the client's mistakes. */
function asClientError(err: unknown, maxMb: number): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e.code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(maxMb);
  if (e.code === "FST_FILES_LIMIT") return badRequest("too_many_files", "send one file per message", "file");
  if (e.code === "FST_PARTS_LIMIT" || e.code === "FST_FIELDS_LIMIT")
    return badRequest(
      "too_many_fields",
      "the form has more fields than file, text, threadRootId, alsoInRoom",
    );
  if (typeof e.statusCode === "number" && e.statusCode < 500)
    return badRequest("invalid_form", "the form could not be read");
  // busboy's parse errors (a cut or malformed body) carry no status.
  if (err instanceof Error && /multipart|boundary|unexpected end/i.test(err.message))
    return badRequest("invalid_form", "the form could not be read");
  return err;
}

/** The sender's name for the file, as one line without path parts; "file" when it gives none. */
function fileName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(clean || "file")
    .slice(0, NAME_MAX)
    .join("");
}

/** RFC 6266: an ASCII fallback name and the exact one in RFC 5987 form. */
function disposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
