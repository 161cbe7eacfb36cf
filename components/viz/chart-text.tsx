'use client';
// Which text sizes the charts below draw with (lib/viz/chart-text.ts): a page's, or a slide's on
// the projector. The dashboard inside a slide provides the slide's; everything else gets the page's.
import { createContext, useContext } from 'react';
import { PAGE_TEXT, type ChartText } from '@/lib/viz/chart-text';

export const ChartTextContext = createContext<ChartText>(PAGE_TEXT);

export const useChartText = (): ChartText => useContext(ChartTextContext);
