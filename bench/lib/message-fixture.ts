// 16 KiB messages for the parser benchmark: chat prose with mentions and links, and Markdown-dense text.
const LIMIT = 16 * 1024;

function fill(parts: (i: number) => string): string {
  let out = "";
  for (let i = 0; ; i++) {
    const next = parts(i);
    if (out.length + next.length > LIMIT) return out;
    out += next;
  }
}

const WORDS =
  "the deploy went out at five and the dashboards look fine but latency in eu-west is a little higher than yesterday so keep an eye on it".split(
    " ",
  );

/** Prose: sentences, most with an `@name`; every 8th has a URL, www link or e-mail address; some CJK. */
export function proseMessage(): string {
  return fill((i) => {
    const words = Array.from({ length: 12 }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(" ");
    const extra = [
      ` cc @user${i % 500} and @josé`,
      ` see https://status.example.com/incidents/${i}?tab=log#top`,
      " (@bob) -@carol _@dave_",
      ` docs at www.example.org/runbooks/${i}.`,
      " 我爱吃番茄炒饭, @李祖阳",
      ` mail ops${i}@example.com`,
      ` thanks @user${i % 300}!`,
      "",
    ][i % 8];
    const link = i % 8 === 1 || i % 8 === 3 || i % 8 === 5;
    return `${words}${link && i % 24 >= 8 ? ` @user${i % 70}` : extra}.${i % 4 === 3 ? "\n\n" : " "}`;
  });
}

/** Markdown-dense: headings, lists, emphasis, code spans and fences, tables, quotes, links, escapes. */
export function markdownMessage(): string {
  return fill(
    (i) =>
      [
        `## Section ${i} *with* \`code\`\n\n`,
        `- item **bold ${i}** and _em_ and ~~strike~~ @user${i % 300}\n- [link ${i}](https://x.example/${i} "title @nobody") and ![img](a.png)\n\n`,
        "```ts\nconst x = `@all` + 1; // @here in code\n```\n\n",
        `> quoted @user${i % 100} with \`inline @code\` and \\*escaped\\* <b>html</b>\n\n`,
        `| a | b |\n|---|---|\n| @user${i % 50} | \`c\` |\n\n`,
        `1. first <https://auto.example/${i}>\n2. second mail@example.com\n\n`,
      ][i % 6],
  );
}
