/** Puts the join QR code and URL into every `[data-join-qr]` placeholder of the slides. The SVG
 *  comes from the server's QR generator; the URL is set as text, never as HTML. */
export function fillJoinSlots(root: HTMLElement, join: { url: string; qrSvg: string }): void {
  for (const slot of root.querySelectorAll<HTMLElement>('[data-join-qr]')) {
    slot.replaceChildren();
    const qr = document.createElement('div');
    qr.className = 'join-qr';
    qr.setAttribute('role', 'img');
    qr.setAttribute('aria-label', `QR code for ${join.url}`);
    qr.innerHTML = join.qrSvg;
    const link = document.createElement('a');
    link.className = 'join-url';
    link.href = join.url;
    link.textContent = join.url.replace(/^https?:\/\//, '');
    slot.append(qr, link);
  }
}
