import { useMemo } from "react";
import { type MessageMentions, renderMarkdown } from "../../lib/markdown.ts";
import type { FileInfo } from "../../lib/types.ts";
import { MessageFiles } from "./MessageFiles.tsx";

/**
 * A message's text as Markdown (MEN-3), rendered from core's parser into React elements — never HTML. Its
 * `@` runs are highlighted exactly when they notified (`mentions`, resolved once at post time); the viewer's
 * own mention and @all / @here stand out more.
 */
export function MessageBody({
  text,
  mentions,
  me,
  files,
}: {
  text: string;
  mentions?: MessageMentions | null;
  me?: string;
  files?: FileInfo[];
}) {
  const nodes = useMemo(() => renderMarkdown(text, { mentions, me }), [text, mentions, me]);
  if (!files?.length) return <div className="text md">{nodes}</div>;
  return (
    <>
      {text.trim() !== "" && <div className="text md">{nodes}</div>}
      <MessageFiles files={files} />
    </>
  );
}
