import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/chat.css";
import "./styles/forms.css";
import "./styles/support.css";
import "./styles/pages.css";
import "./styles/fixes.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
