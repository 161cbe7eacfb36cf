import '@fontsource/atkinson-hyperlegible/latin-400.css';
import '@fontsource/atkinson-hyperlegible/latin-700.css';
import '@fontsource/jetbrains-mono/latin-400.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: 'meshstage — Sidecars, eBPF and the Future of Service Mesh',
  description: 'Slides and a live service-mesh demo in one app.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0c111b' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
