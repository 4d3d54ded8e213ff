// GFM spec (cmark-gfm's test/spec.txt, "Autolinks (extension)"): the examples, as autolink hrefs, plus
// the rule's own sentences turned into cases. MEN-3 says autolinks are these rules as the spec states them.
import type { Vector } from "./vector.ts";

const SRC = "github/cmark-gfm test/spec.txt";

const example = (text: string, links: string[], test = "Autolinks (extension) example"): Vector => ({
  source: SRC,
  test,
  rule: "MEN-3",
  text,
  expect: { links },
});

const RULE = "Autolinks (extension): only at the start of a line, after whitespace, or after * _ ~ (";

export const vectors: Vector[] = [
  example("www.commonmark.org", ["http://www.commonmark.org"]),
  example("Visit www.commonmark.org/help for more information.", ["http://www.commonmark.org/help"]),
  example("Visit www.commonmark.org.", ["http://www.commonmark.org"]),
  example("Visit www.commonmark.org/a.b.", ["http://www.commonmark.org/a.b"]),
  example("www.google.com/search?q=Markup+(business)", ["http://www.google.com/search?q=Markup+(business)"]),
  example("www.google.com/search?q=Markup+(business)))", [
    "http://www.google.com/search?q=Markup+(business)",
  ]),
  example("(www.google.com/search?q=Markup+(business))", [
    "http://www.google.com/search?q=Markup+(business)",
  ]),
  example("(www.google.com/search?q=Markup+(business)", ["http://www.google.com/search?q=Markup+(business)"]),
  example("www.google.com/search?q=(business))+ok", ["http://www.google.com/search?q=(business))+ok"]),
  example("www.google.com/search?q=commonmark&hl=en", ["http://www.google.com/search?q=commonmark&hl=en"]),
  example("www.google.com/search?q=commonmark&hl;", ["http://www.google.com/search?q=commonmark"]),
  example("www.commonmark.org/he<lp", ["http://www.commonmark.org/he"]),
  example("http://commonmark.org", ["http://commonmark.org"]),
  example("(Visit https://encrypted.google.com/search?q=Markup+(business))", [
    "https://encrypted.google.com/search?q=Markup+(business)",
  ]),
  example("Anonymous FTP is available at ftp://foo.bar.baz.", ["ftp://foo.bar.baz"]),
  example("foo@bar.baz", ["mailto:foo@bar.baz"]),
  example("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.", [
    "mailto:hello+xyz@mail.example",
  ]),
  example("a.b-c_d@a.b", ["mailto:a.b-c_d@a.b"]),
  example("a.b-c_d@a.b.", ["mailto:a.b-c_d@a.b"]),
  example("a.b-c_d@a.b-", []),
  example("a.b-c_d@a.b_", []),
  example(
    "[a link](http://www.google.com/)stuff?",
    [],
    "Autolinks (extension) do not interfere with regular links",
  ),

  example("see:https://x.example/@bob", [], RULE),
  example("x.https://x.example", [], RULE),
  example("a:www.example.org", [], RULE),
  example("foowww.example.org", [], RULE),
  example("*https://x.example*", ["https://x.example"], RULE),
  example("_https://x.example_", ["https://x.example"], RULE),
  example("~https://x.example~", ["https://x.example"], RULE),
  example("(https://x.example)", ["https://x.example"], RULE),
  example("line one\nhttps://x.example", ["https://x.example"], RULE),
  example(
    "//x.example and ftp:/x",
    [],
    "Autolinks (extension): only http://, https://, ftp://, www. and e-mail",
  ),
  example("http://localhost:8080/x", [], "Autolinks (extension): a valid domain has at least one period"),
  example("www.x_y.example", [], "Autolinks (extension): no underscores in the last two segments"),
  example(
    "www.a_b.c.example",
    ["http://www.a_b.c.example"],
    "Autolinks (extension): underscores allowed before the last two segments",
  ),
  example(
    "<http://localhost:8080/x>",
    ["http://localhost:8080/x"],
    "Autolinks (CommonMark): <…> needs no domain rule",
  ),
  {
    source: SRC,
    test: "Autolinks (extension): the local part is the whole run before @",
    rule: "MEN-3",
    text: "ping @carol@example.com and bob@example.com",
    users: { carol: {}, bob: {}, example: {} },
    expect: {
      links: ["mailto:carol@example.com", "mailto:bob@example.com"],
      mentions: [],
      emails: ["carol@example.com"],
    },
  },
  {
    source: SRC,
    test: "Autolinks (extension): text after a rejected scheme is text",
    rule: "MEN-3",
    text: "see:https://x/@bob",
    users: { bob: {} },
    expect: { links: [], mentions: ["bob"] },
  },
];
