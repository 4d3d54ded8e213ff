import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
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
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
