import type { FileInfo } from "../../lib/types.ts";

/** Raster images the server serves inline (files/sniff.ts): previewed in the list; anything else is a link. */
const PREVIEWED = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

/** A paperclip, drawn (an emoji shows as an empty box where no emoji font is installed). */
export function Clip({ size = 16 }: { size?: number }) {
  return (
    <svg
      className="icon-svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5Z"
      />
    </svg>
  );
}

export const fileUrl = (f: FileInfo) => `/api/v1/files/${encodeURIComponent(f.id)}`;

/** "12 KB", "3.4 MB": sizes in words a person reads at a glance. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The files sent with a message: images as a preview that opens the full picture, others as a download. */
export function MessageFiles({ files }: { files: FileInfo[] }) {
  return (
    <ul className="message-files" aria-label="Files">
      {files.map((f) =>
        PREVIEWED.has(f.type) ? (
          <li key={f.id} className="file-image">
            <a
              href={fileUrl(f)}
              target="_blank"
              rel="noopener noreferrer"
              title={`${f.name} · ${sizeText(f.size)}`}
            >
              <img src={fileUrl(f)} alt={f.name} loading="lazy" />
            </a>
          </li>
        ) : (
          <li key={f.id} className="file-link">
            <a href={fileUrl(f)} download={f.name}>
              <Clip />
              {f.name}
            </a>{" "}
            <span className="muted small">{sizeText(f.size)}</span>
          </li>
        ),
      )}
    </ul>
  );
}
