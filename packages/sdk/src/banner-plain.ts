// DSK-4's fallback body, apart from the rest of the banner text: it needs core's Markdown parser, which a page
// should load only when a banner actually comes without a body (the server always sends one).
import { plainFirstLine } from "@herald/core";
import { type BannerTextInput, BODY_MAX, bannerTitle } from "./banner-text.ts";

/** DSK-4 from a message's raw text, when the server sent no body: core's plain first line (Markdown
 *  removed, the same text pushes and e-mails show), at most BODY_MAX characters. */
export function bannerBodyOfText(text: string): string {
  return plainFirstLine(text, BODY_MAX);
}

export function bannerText(input: BannerTextInput): { title: string; body: string } {
  return {
    title: bannerTitle(input.senderName, input.roomKind, input.roomName),
    body: bannerBodyOfText(input.text),
  };
}
