import { BadgeDisplay } from "@herald/sdk";
import { lazy, Suspense, useEffect } from "react";
import { navigate, useLocation } from "./lib/router.ts";
import { type SessionPayload, SessionProvider, useSession } from "./lib/session.tsx";
import { Shell } from "./screens/Shell.tsx";
import { SignIn } from "./screens/SignIn.tsx";

// The website widget runs in customers' pages: it loads apart from the app.
const Widget = lazy(() => import("./screens/Widget.tsx").then((m) => ({ default: m.Widget })));
const ResetPassword = lazy(() =>
  import("./screens/ResetPassword.tsx").then((m) => ({ default: m.ResetPassword })),
);

/** `first`: the session the page started with (null: none); the widget and the reset page have no session. */
export function App({ first }: { first: SessionPayload | null }) {
  const { path } = useLocation();
  // The contact-side widget talks through an inbox key, not a user session.
  if (path === "/widget")
    return (
      <Suspense fallback={null}>
        <Widget />
      </Suspense>
    );
  // An admin's reset link: the user is signed out (their sessions end when the password changes).
  if (path === "/reset-password")
    return (
      <Suspense fallback={null}>
        <ResetPassword />
      </Suspense>
    );
  return (
    <SessionProvider first={first}>
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

  if (status !== "signed-in") return <SignIn expired={status === "expired"} />;
  return <Shell />;
}
