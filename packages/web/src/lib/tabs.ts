/** Tab rows scroll sideways on phones: the active tab scrolls into view (ref callback for it). */
export function revealTab(el: HTMLElement | null): void {
  el?.scrollIntoView({ block: "nearest", inline: "center" });
}
