import { useQueryClient } from "@tanstack/react-query";
import { api } from "../lib/api.ts";
import { useApiMutation, useApiQuery } from "../lib/query.ts";
import type { DndChoice } from "./dnd.ts";

export type PresenceChoice = "auto" | "away" | "invisible";
export interface StatusView {
  presence: PresenceChoice;
  dnd: { on: boolean; until: number | null };
}
export interface StatusChoice {
  presence: PresenceChoice;
  dnd: DndChoice | "keep";
}

/** My account as GET /me answers it; settings' writes to /me invalidate this key. */
export const meKey = ["me"] as const;
interface MeView {
  status?: StatusView;
}

/** My presence and do-not-disturb as the server has them (PRS-1, PRS-5). */
export function useMyStatus() {
  const status = useApiQuery<MeView>(meKey, "/me").data?.status;
  return {
    presence: status?.presence ?? ("auto" as PresenceChoice),
    dnd: status?.dnd.on ? status.dnd.until : ("off" as const),
  };
}

/** The write that changes my status; it rejects with the server's error. */
export function useSaveStatus() {
  const client = useQueryClient();
  return useApiMutation(async ({ presence, dnd }: StatusChoice) => {
    // Presets let the server compute "tomorrow" in my time zone (PRS-5).
    const body: Record<string, unknown> = { presence };
    if (dnd !== "keep") body.dnd = dnd === "off" ? null : dnd;
    const st = await api.put<StatusView | { status?: StatusView }>("/me/status", body);
    // The answer is the server's own view of my status: it is what the menu shows, without another GET.
    const status = "dnd" in st ? st : st.status;
    if (status) client.setQueryData<MeView>(meKey, (old) => ({ ...old, status }));
    return status;
  });
}
