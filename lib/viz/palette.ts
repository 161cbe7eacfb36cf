// Colours and line styles for every chart. Okabe–Ito (colour-blind safe), tuned only in lightness
// for the dark theme; every colour also has a second channel (dash pattern, glyph or label) so no
// chart depends on telling hues apart.
import type { ModeId } from '../mesh/modes';
import type { LinkProtocol } from '../mesh/topology';

export const MODE_STYLE: Record<ModeId, { color: string; dash: string }> = {
  none: { color: '#c8c8c8', dash: '' },
  sidecar: { color: '#E69F00', dash: '10 4' },
  ambient: { color: '#56B4E9', dash: '2 3' },
  'ambient-waypoint': { color: '#CC79A7', dash: '10 3 2 3' },
  ebpf: { color: '#2FBF8F', dash: '' },
  'ebpf-l7': { color: '#F0E442', dash: '6 6' },
};

export const PERCENTILE_STYLE = {
  p50: { color: '#56B4E9', dash: '', label: 'p50' },
  p90: { color: '#E69F00', dash: '8 4', label: 'p90' },
  p99: { color: '#FF8A5B', dash: '2 3', label: 'p99' },
} as const;

/** How a link looks: plain HTTP thin grey, mTLS green with a lock, HBONE a thick tunnel, TCP dotted. */
export const PROTOCOL_STYLE: Record<LinkProtocol, { color: string; width: number; dash: string; label: string }> = {
  http: { color: '#a9b6cc', width: 2, dash: '', label: 'plain HTTP' },
  tcp: { color: '#a9b6cc', width: 2, dash: '2 4', label: 'plain TCP' },
  mtls: { color: '#2FBF8F', width: 3, dash: '', label: 'HTTP over mTLS' },
  hbone: { color: '#56B4E9', width: 6, dash: '', label: 'HBONE tunnel (mTLS)' },
};

export const ERROR_COLOR = '#FF8A5B';
export const L7_COLOR = '#E69F00';
export const L4_COLOR = '#56B4E9';
export const KERNEL_COLOR = '#2FBF8F';
