// Core's reading leaves markdown-it's `text_join` rule out (parseMessage's walk joins text runs itself).
// Tests that compare core's tokens with the web app's, or read them with a reference, join them first,
// with markdown-it's own rule, so the reference stays what the renderer sees.
import MarkdownIt, { type StateCore, type Token } from "markdown-it";
import { readingTokens } from "../src/markdown.ts";

const textJoin = new MarkdownIt().core.ruler.getRules("").find((rule) => rule.name === "text_join");
if (textJoin === undefined) throw new Error("markdown-it has no text_join rule");

/** `readingTokens(text)` with adjacent text and escaped characters merged, as markdown-it renders them. */
export function joinedReadingTokens(text: string): Token[] {
  const tokens = readingTokens(text);
  textJoin?.({ tokens } as StateCore);
  return tokens;
}
