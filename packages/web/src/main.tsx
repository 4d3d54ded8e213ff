import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { firstLoad } from "./lib/first-load.ts";
import { queryClient } from "./lib/query.ts";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/chat.css";
import "./styles/forms.css";
import "./styles/support.css";
import "./styles/pages.css";
import "./styles/fixes.css";
import "./styles/markdown.css";
import "./styles/files.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
// The website widget and the password reset page work without a session; every other page starts with the
// session and the room list in hand (index.html shows "Loading Herald…" meanwhile).
const path = location.pathname;
const sessionless = path === "/widget" || path === "/reset-password";
(sessionless ? Promise.resolve(null) : firstLoad(queryClient)).then((first) =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App first={first} />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
