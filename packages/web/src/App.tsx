import { BadgeDisplay } from "@herald/sdk";
import { useEffect } from "react";
import { navigate, useLocation } from "./lib/router.ts";
import { SessionProvider, useSession } from "./lib/session.tsx";
import { Shell } from "./screens/Shell.tsx";
import { SignIn } from "./screens/SignIn.tsx";
import { Widget } from "./screens/Widget.tsx";

export function App() {
  const { path } = useLocation();
  // The contact-side widget talks through an inbox key, not a user session.
  if (path === "/widget") return <Widget />;
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

function Gate() {
  const { status } = useSession();
  const { path } = useLocation();
  const wantsSignIn = status === "signed-out" || status === "expired";

  useEffect(() => {
    if (wantsSignIn && path !== "/signin") navigate(`/signin?next=${encodeURIComponent(path)}`, true);
    if (status === "signed-in" && (path === "/signin" || path === "/")) navigate("/chat", true);
  }, [wantsSignIn, status, path]);

  useEffect(() => {
    // PRM-4: an expired session shows a logged-out mark on the favicon and title until the user signs in.
    if (status === "expired" || status === "signed-out") {
      new BadgeDisplay({ document, navigator }).update({ signedOut: status === "expired" });
    }
  }, [status]);

  if (status === "loading") return <p className="splash">Loading Herald…</p>;
  if (status !== "signed-in") return <SignIn expired={status === "expired"} />;
  return <Shell />;
}
