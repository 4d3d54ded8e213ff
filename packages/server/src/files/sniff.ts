// The type of a file is read from its first bytes (file-type's signatures), never from its name or the
// type the browser claims: a renamed page is not an image. Text has no signature: bytes that decode as UTF-8
// without NUL read as text/plain. Anything else is refused, so every stored file has a known type.
import { fileTypeFromBuffer } from "file-type";

/** Enough for every signature file-type reads (its documented minimum sample). */
export const SNIFF_BYTES = 4100;

/** Images a browser may show inline: raster formats that cannot carry script (never SVG or HTML). */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

export function inlineImage(type: string): boolean {
  return INLINE_IMAGES.has(type);
}

/** The media type of the content, or null when it is neither a known format nor text. */
export async function contentType(head: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  return looksLikeText(head) ? "text/plain" : null;
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // `stream`: the sample may end inside a character; only bytes that can never be UTF-8 fail.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
