'use client';
// The first page's links: the replay (the whole talk with its recorded demo) and, when the deck has
// a sources slide, the replay opened there (its links are clickable). /print is a static page —
// also on the static replay site — so the address is the one the handout is opened on, read here
// in the browser, and the QR codes are drawn here too.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { handoutLinks } from '@/lib/print/handout-links';

interface Drawn {
  label: string;
  url: string;
  svg: string;
  testId: string;
}

const qr = (url: string) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

export function HandoutLinks({ sourcesSlideId, onReady }: { sourcesSlideId: string | null; onReady: () => void }) {
  const [drawn, setDrawn] = useState<Drawn[] | null>(null);
  useEffect(() => {
    let live = true;
    const links = handoutLinks(window.location.origin, sourcesSlideId);
    const wanted = [
      { label: 'Replay the talk, with its recorded demo', url: links.replay, testId: 'handout-replay-link' },
      ...(links.sources ? [{ label: 'Sources (clickable links)', url: links.sources, testId: 'handout-sources-link' }] : []),
    ];
    void Promise.all(wanted.map(async (w) => ({ ...w, svg: await qr(w.url) }))).then((d) => live && setDrawn(d));
    return () => {
      live = false;
    };
  }, [sourcesSlideId]);
  useEffect(() => {
    if (drawn) onReady();
  }, [drawn, onReady]);
  if (!drawn) return null;
  return drawn.map((d) => (
    <figure key={d.url} className="handout-link" data-testid={d.testId}>
      {/* The SVG comes from the qrcode package, for a URL built here: not user input. */}
      <div className="handout-qr" role="img" aria-label={`QR code for ${d.url}`} dangerouslySetInnerHTML={{ __html: d.svg }} />
      <figcaption>
        <b>{d.label}</b>
        <a href={d.url}>{d.url.replace(/^https?:\/\//, '')}</a>
      </figcaption>
    </figure>
  ));
}
