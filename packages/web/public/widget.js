// Herald's website widget embed: <script src="https://herald.example/widget.js" data-inbox="KEY" async></script>
// puts a launcher button on the page and opens the chat in an iframe served by Herald (/widget?key=KEY&embed=1).
// Everything the contact types stays inside that iframe (Herald's origin); this script shows, hides and badges
// it, and keeps the contact's session in this page's storage for it. It adds no inline <style> and no inline handlers, so a page's CSP needs only script-src and
// frame-src for Herald's origin (docs/SECURITY.md).
(() => {
  const script = document.currentScript;
  if (!script || window.__heraldWidget) return;
  const key = script.getAttribute("data-inbox");
  if (!key) return;
  window.__heraldWidget = true;
  const origin = new URL(script.src, location.href).origin;
  const label = script.getAttribute("data-label") || "Chat with us";

  const frame = document.createElement("iframe");
  // The host page and its referrer, for the agents' contact panel: framed cross-origin, the widget itself
  // would see only this site's origin (the default referrer policy).
  const from = document.referrer ? `&ref=${encodeURIComponent(document.referrer)}` : "";
  frame.src = `${origin}/widget?key=${encodeURIComponent(key)}&embed=1&page=${encodeURIComponent(location.href)}${from}`;
  frame.title = label;
  frame.allow = "autoplay";
  frame.setAttribute("data-herald", "frame");
  Object.assign(frame.style, {
    position: "fixed",
    right: "16px",
    bottom: "88px",
    width: "min(380px, calc(100vw - 32px))",
    height: "min(560px, calc(100vh - 112px))",
    border: "0",
    borderRadius: "12px",
    boxShadow: "0 8px 32px rgba(0,0,0,.25)",
    background: "#fff",
    zIndex: "2147483000",
    display: "none",
  });

  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("data-herald", "launcher");
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  Object.assign(button.style, {
    position: "fixed",
    right: "16px",
    bottom: "16px",
    height: "56px",
    minWidth: "56px",
    padding: "0 20px",
    border: "0",
    borderRadius: "28px",
    background: "#3b5bdb",
    color: "#fff",
    font: "600 15px system-ui, sans-serif",
    cursor: "pointer",
    boxShadow: "0 4px 16px rgba(0,0,0,.25)",
    zIndex: "2147483000",
  });
  const text = document.createElement("span");
  text.textContent = label;
  const badge = document.createElement("span");
  badge.setAttribute("data-herald", "unread");
  Object.assign(badge.style, {
    display: "none",
    marginLeft: "8px",
    minWidth: "20px",
    padding: "0 6px",
    borderRadius: "10px",
    background: "#e03131",
    font: "700 12px/20px system-ui, sans-serif",
  });
  button.append(text, badge);

  // The contact's session lives in this page's storage (first-party): the frame's own storage is third-party
  // here, which browsers block or partition. It goes only to the frame, only on Herald's origin.
  const store = `herald.widget.${key.slice(0, 24)}`;
  const kept = () => {
    try {
      return JSON.parse(localStorage.getItem(store) || "null");
    } catch {
      return null;
    }
  };
  const keep = (session) => {
    try {
      if (session) localStorage.setItem(store, JSON.stringify(session));
      else localStorage.removeItem(store);
    } catch {
      // storage blocked: the chat works, without resuming
    }
  };

  let open = false;
  const tell = (type, extra) => frame.contentWindow?.postMessage({ herald: "host", type, ...extra }, origin);
  const setOpen = (v) => {
    open = v;
    frame.style.display = v ? "block" : "none";
    button.setAttribute("aria-expanded", String(v));
    text.textContent = v ? "Close chat" : label;
    tell(v ? "open" : "closed");
  };
  button.addEventListener("click", () => setOpen(!open));
  frame.addEventListener("load", () => {
    tell("session", { session: kept() });
    tell(open ? "open" : "closed");
  });
  window.addEventListener("message", (e) => {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    const m = e.data;
    if (!m || m.herald !== "widget") return;
    if (m.type === "unread") {
      const n = Number(m.count) || 0;
      badge.textContent = n > 99 ? "99+" : String(n);
      badge.style.display = n > 0 && !open ? "inline-block" : "none";
      badge.setAttribute("aria-label", `${n} unread`);
    } else if (m.type === "close") setOpen(false);
    else if (m.type === "session") keep(m.session);
    else if (m.type === "ready") {
      tell("session", { session: kept() });
      tell(open ? "open" : "closed");
    }
  });

  const mount = () => document.body.append(frame, button);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
