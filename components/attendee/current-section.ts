// Which of the page's sections the reader is in, for the phone's section bar (pure: the bar
// measures, this decides).

export interface SectionBox {
  id: string;
  /** The section's top, in viewport pixels (negative once scrolled past). */
  top: number;
}

/**
 * The section whose top last passed the reading line (`line`, px from the top of the viewport):
 * scrolling down, each section becomes current as it reaches it. At the bottom of the page a
 * short last section never reaches the line, so then the lowest section on screen is current.
 * Null when no section is on the page.
 */
export function currentSection(sections: readonly SectionBox[], line: number, at: { bottom: boolean; viewportHeight: number }): string | null {
  if (sections.length === 0) return null;
  const byTop = [...sections].sort((a, b) => a.top - b.top);
  if (at.bottom) {
    const onScreen = byTop.filter((s) => s.top < at.viewportHeight);
    if (onScreen.length > 0) return onScreen.at(-1)!.id;
  }
  const passed = byTop.filter((s) => s.top <= line);
  return (passed.at(-1) ?? byTop[0]!).id;
}
