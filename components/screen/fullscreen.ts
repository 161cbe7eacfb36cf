/** Enters full screen on `element`, or leaves it (F on the console and on the screen). */
export function toggleFullscreen(element: Element): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void element.requestFullscreen?.().catch(() => undefined);
}
