export type DndChoice = "off" | "1h" | "tomorrow" | "forever";
