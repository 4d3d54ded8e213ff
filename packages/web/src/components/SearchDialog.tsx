import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { errorText } from "../lib/api.ts";
import { keys, queryErrorText } from "../lib/query.ts";
import { useJoinRoom, useOpenDirect } from "../lib/rooms.ts";
import { navigate } from "../lib/router.ts";
import {
  type ChannelHit,
  type MessageHit,
  markWords,
  messageHref,
  plainLines,
  type SearchKind,
  type SearchPage,
  searchPage,
} from "../lib/search.ts";
import { useMe } from "../lib/session.tsx";
import type { User } from "../lib/types.ts";
import { displayName } from "../lib/users.ts";
import { formatTime } from "../lib/when.ts";
import { Avatar } from "./Avatar.tsx";
import { Dialog } from "./Dialog.tsx";

const KINDS: [SearchKind, string][] = [
  ["messages", "Messages"],
  ["people", "People"],
  ["channels", "Channels"],
];

/** Typing pauses this long before the search runs; Enter runs it at once. */
const TYPING_MS = 250;

/** Where a found message was written, in words. */
function roomWords(room: MessageHit["room"]): string {
  switch (room.kind) {
    case "channel":
      return `#${room.name}`;
    case "dm":
      return "a direct message";
    case "gdm":
      return "a group DM";
    case "conversation":
      return "a support conversation";
    default:
      return room.name;
  }
}

/** The pages loaded so far as one. */
function merged(pages: SearchPage[]): SearchPage {
  return pages.reduce((all, p) => ({
    messages: appended(all.messages, p.messages),
    people: appended(all.people, p.people),
    channels: appended(all.channels, p.channels),
    nextCursor: p.nextCursor,
  }));
}

/** The next page after the ones shown; absent when this kind was not asked. */
function appended<T>(shown: T[] | undefined, next: T[] | undefined): T[] | undefined {
  return shown || next ? [...(shown ?? []), ...(next ?? [])] : undefined;
}

function Marked({ text, q }: { text: string; q: string }) {
  return (
    <>
      {markWords(text, q).map((r, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: runs of one text, in order, never reordered
        r.hit ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>,
      )}
    </>
  );
}

function MessageRow({ hit, q, onOpen }: { hit: MessageHit; q: string; onOpen(href: string): void }) {
  const m = hit.message;
  const href = messageHref(m);
  return (
    <li>
      <a
        className="search-hit"
        href={href}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey) return;
          e.preventDefault();
          onOpen(href);
        }}
      >
        <span className="search-hit-head">
          <strong>{displayName(hit.sender)}</strong>
          <span className="muted">
            {" "}
            in {roomWords(hit.room)}
            {m.threadRootId && !m.alsoInRoom ? ", in a thread" : ""} · {formatTime(m.createdAt)}
          </span>
        </span>
        <span className="search-hit-text">
          <Marked text={plainLines(m.text)} q={q} />
        </span>
      </a>
    </li>
  );
}

/**
 * Search messages, people and channels (GET /search), from the top bar. A found message opens in its room's
 * history scrolled to it; a person opens the direct message with them; a channel opens, or is joined first.
 */
export function SearchDialog({ onClose }: { onClose(): void }) {
  const me = useMe();
  const [q, setQ] = useState("");
  const [kind, setKind] = useState<SearchKind>("messages");
  const [actionError, setError] = useState("");
  // The words asked for: what was typed, once typing pauses, or at once on Enter.
  const [asked, setAsked] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setAsked(q.trim()), TYPING_MS);
    return () => clearTimeout(t);
  }, [q]);
  const search = useInfiniteQuery({
    queryKey: keys.search(kind, asked),
    queryFn: async ({ pageParam }) => ({ q: asked, ...(await searchPage(kind, asked, pageParam)) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: asked !== "",
    // While new words load, the last answer of the same kind stays; another kind starts blank.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === kind ? prev : undefined),
  });
  const pages = asked ? search.data?.pages : undefined;
  const shown = pages?.length ? { q: pages[0]?.q ?? "", page: merged(pages) } : null;
  const busy = search.isFetching;
  const error = actionError || queryErrorText(search);

  const openDirect = useOpenDirect();
  const joinRoom = useJoinRoom();
  function open(href: string) {
    onClose();
    navigate(href);
  }

  const messagePerson = (u: User) =>
    openDirect.mutate([u.id], {
      onSuccess: (room) => open(`/chat/${room.id}`),
      onError: (e) => setError(errorText(e)),
    });

  const join = (c: ChannelHit) =>
    joinRoom.mutate(c.id, { onSuccess: () => open(`/chat/${c.id}`), onError: (e) => setError(errorText(e)) });

  const page = shown?.page ?? null;
  const found = (page?.messages ?? page?.people ?? page?.channels ?? []).length;
  const what = KINDS.find(([k]) => k === kind)?.[1].toLowerCase() ?? kind;
  return (
    <Dialog title="Search" onClose={onClose}>
      <form
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(q.trim());
        }}
      >
        <input
          type="search"
          aria-label="Search for"
          placeholder="Words, a name or a channel"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoFocus
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <fieldset className="search-kinds">
        <legend className="sr-only">Search in</legend>
        {KINDS.map(([k, label]) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {label}
          </button>
        ))}
      </fieldset>
      {!shown && !error && (
        <p className="muted small">
          {kind === "messages"
            ? "Messages with every word you type, newest first, from the rooms you are in. A word also finds longer ones it starts: “deploy” finds “deployment”."
            : kind === "people"
              ? "People by their username or a word of their name."
              : "Public channels, and the private groups you are in, by name."}
        </p>
      )}
      {busy && !page && <p className="muted">Searching…</p>}
      {page && found === 0 && (
        <p className="muted">
          No {what} match “{shown?.q}”.
        </p>
      )}
      {page?.messages && page.messages.length > 0 && (
        <ul className="search-results" aria-label="Messages found">
          {page.messages.map((h) => (
            <MessageRow key={h.message.id} hit={h} q={shown?.q ?? ""} onOpen={open} />
          ))}
        </ul>
      )}
      {page?.people && page.people.length > 0 && (
        <ul className="search-results" aria-label="People found">
          {page.people.map((u) => (
            <li key={u.id} className="search-row">
              <Avatar name={displayName(u)} size={28} />
              <span className="grow">
                <strong>{displayName(u)}</strong> <span className="muted">@{u.username}</span>
              </span>
              {u.id === me.id ? (
                <span className="muted small">you</span>
              ) : (
                <button type="button" onClick={() => messagePerson(u)}>
                  Message
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {page?.channels && page.channels.length > 0 && (
        <ul className="search-results" aria-label="Channels found">
          {page.channels.map((c) => (
            <li key={c.id} className="search-row">
              <span className="grow">
                <strong>{c.kind === "channel" ? `#${c.name}` : c.name}</strong>
                {c.kind === "group" && <span className="muted small"> · private</span>}
                {c.topic && <span className="muted small"> — {c.topic}</span>}
                <span className="muted small">
                  {" "}
                  · {c.memberCount} {c.memberCount === 1 ? "member" : "members"}
                </span>
              </span>
              {c.member ? (
                <button type="button" onClick={() => open(`/chat/${c.id}`)}>
                  Open
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => join(c)}>
                  Join
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <button type="button" className="search-more" disabled={busy} onClick={() => search.fetchNextPage()}>
          More results
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
