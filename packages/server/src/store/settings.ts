// Workspace settings: only saved keys are stored (PRF-21/PRV-7: defaults come from core at read time).
import type { Db } from "./db.ts";

export async function savedSettings(db: Db): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom("workspace_settings").select(["key", "value"]).execute();
  const out: Record<string, unknown> = {};
  for (const r of rows) out[r.key] = JSON.parse(r.value);
  return out;
}

export async function saveSettings(db: Db, values: Record<string, unknown>, now: number): Promise<void> {
  for (const [key, v] of Object.entries(values)) {
    if (v === undefined) continue;
    const value = JSON.stringify(v);
    await db
      .insertInto("workspace_settings")
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}
