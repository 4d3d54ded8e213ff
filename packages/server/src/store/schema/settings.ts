// Workspace settings (PRV-1 … PRV-9, PRV-7 defaults): one row per key, value as JSON; only saved keys exist.

export interface WorkspaceSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface SettingsTables {
  workspace_settings: WorkspaceSettingsTable;
}
