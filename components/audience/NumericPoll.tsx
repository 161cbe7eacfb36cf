'use client';
// A numeric poll: on a phone, a slider (on the poll's scale, log where declared) and a keypad
// field to answer with one number, and a send button that says whether the server took it; on
// every screen, the room's answers as a histogram over the poll's range with the median and the
// middle half (the quartiles) drawn, the count, the unit on the axis — and after the reveal a
// marker landing on what the demo measured, with what that figure is. The histogram is HTML, not
// a scaled SVG: its text stays at the page's size on a phone and on the projector.
import { useId, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import type { EstimateSummary, NumberSpec, PollAnswer, PollSpec, PollView } from '@/lib/audience/types';
import { estimateTicks, formatEstimate, positionOf, roundEstimate, valueAt } from '@/lib/audience/estimates';
import { pollDisplay, type PollViewer } from '@/lib/audience/poll-visibility';
import styles from './audience.module.css';

interface Props {
  spec: PollSpec & { number: NumberSpec };
  view: PollView | null;
  /** The phone's own answer (kept across reconnects). */
  mine?: number | undefined;
  onEstimate?: ((value: number) => Promise<Ack<unknown>>) | undefined;
  viewer: PollViewer;
  testId: string;
  past: boolean;
  /** Without the histogram: the figures in words only (the desk, beside the slide that draws it). */
  compact?: boolean;
}

const STATUS = { idle: 'Not open yet', open: 'Answers are open', closed: 'Answers closed', revealed: 'Revealed' } as const;
const PAST = { idle: 'Not open yet', open: 'Answers were open (recorded)', closed: 'Answers closed (recorded)', revealed: 'Revealed (recorded)' } as const;
const SLIDER_STEPS = 1000;

const pct = (t: number) => `${(t * 100).toFixed(2)}%`;
const withUnit = (v: number, unit: string) => `${formatEstimate(v)} ${unit}`;

export function NumericPoll({ spec, view, mine, onEstimate, viewer, testId, past, compact = false }: Props) {
  const status = view?.status ?? 'idle';
  const total = view?.total ?? 0;
  const { results, note } = pollDisplay(spec, status, viewer, mine);
  const n = spec.number;
  return (
    <div className={styles.poll} data-testid={testId} data-status={status} data-kind="number" data-results={results ? 'shown' : 'hidden'}>
      <p className={styles.pollQuestion}>{spec.question}</p>
      <p className={styles.pollStatus} aria-live="polite">
        {(past ? PAST : STATUS)[status]} · {total} answer{total === 1 ? '' : 's'} · {withUnit(n.min, n.unit)} to {withUnit(n.max, n.unit)}
        {n.scale === 'log' ? ' (log scale)' : ''}
      </p>
      {onEstimate && status === 'open' && <EstimateInput spec={n} mine={mine} onEstimate={onEstimate} testId={testId} />}
      {onEstimate && status !== 'open' && mine !== undefined && (
        <p className={styles.estimateMine} data-testid={`${testId}-mine`}>
          Your answer: {withUnit(mine, n.unit)}
        </p>
      )}
      {note && (
        <p className={styles.pollNote} data-testid={`${testId}-note`}>
          {note}
        </p>
      )}
      {results && (
        <EstimateHistogram
          spec={n}
          estimates={view?.estimates ?? null}
          answer={status === 'revealed' ? (view?.answer ?? null) : null}
          mine={onEstimate ? mine : undefined}
          testId={testId}
          compact={compact}
        />
      )}
    </div>
  );
}

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; value: number } | { kind: 'failed'; message: string };

/** A typed number: `4.5`, `4,5`, ` 12 `; null when it is not one. */
function parseTyped(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d*\.?\d+$|^-?\d+\.$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function EstimateInput({
  spec,
  mine,
  onEstimate,
  testId,
}: {
  spec: NumberSpec;
  mine: number | undefined;
  onEstimate: (value: number) => Promise<Ack<unknown>>;
  testId: string;
}) {
  const id = useId();
  // Nothing chosen until the phone moves the slider or types: no accidental answer at the middle.
  const [typed, setTyped] = useState<string>(mine === undefined ? '' : formatEstimate(mine));
  const [sending, setSending] = useState<SendState>({ kind: 'idle' });
  const value = parseTyped(typed);
  const inRange = value !== null && value >= spec.min && value <= spec.max;
  const problem =
    typed.trim() === ''
      ? null
      : value === null
        ? 'Type a number.'
        : inRange
          ? null
          : `Between ${formatEstimate(spec.min)} and ${formatEstimate(spec.max)} ${spec.unit}.`;
  const position = Math.round(positionOf(spec, value ?? valueAt(spec, 0.5)) * SLIDER_STEPS);
  const send = async () => {
    if (value === null || !inRange) return;
    setSending({ kind: 'sending' });
    const r = await onEstimate(value);
    setSending(r.ok ? { kind: 'sent', value } : { kind: 'failed', message: r.error.message });
    // What was sent, as the screens write it (`2,5` typed reads `2.5`).
    if (r.ok) setTyped(String(value));
  };
  const changed = (text: string) => {
    setTyped(text);
    if (sending.kind !== 'sending') setSending({ kind: 'idle' });
  };
  const sentNow = sending.kind === 'sent' && sending.value === value;
  const unchanged = mine !== undefined && value === mine;
  return (
    <form
      className={styles.estimateForm}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      data-testid={`${testId}-form`}
    >
      <label className={styles.estimateLabel} htmlFor={`${id}-slider`}>
        Your estimate
      </label>
      <input
        id={`${id}-slider`}
        className={styles.estimateSlider}
        type="range"
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={position}
        aria-valuetext={value === null ? 'not chosen' : `${formatEstimate(value)} ${spec.unit}`}
        onChange={(e) => changed(formatEstimate(roundEstimate(valueAt(spec, Number(e.target.value) / SLIDER_STEPS))))}
        // A tap on the thumb where it starts (the middle) chooses that value: it fires no change.
        onClick={(e) => value === null && changed(formatEstimate(roundEstimate(valueAt(spec, Number(e.currentTarget.value) / SLIDER_STEPS))))}
        data-chosen={value !== null}
        data-testid={`${testId}-slider`}
      />
      <div className={styles.estimateScaleEnds} aria-hidden="true">
        <span>{withUnit(spec.min, spec.unit)}</span>
        <span>{withUnit(spec.max, spec.unit)}</span>
      </div>
      <div className={styles.estimateRow}>
        <span className={styles.estimateField}>
          <input
            id={`${id}-number`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            enterKeyHint="send"
            placeholder="type it"
            aria-label={`Your estimate in ${spec.unit}`}
            aria-invalid={problem ? true : undefined}
            value={typed}
            onChange={(e) => changed(e.target.value)}
            data-testid={`${testId}-number`}
          />
          <span className={styles.estimateUnit}>{spec.unit}</span>
        </span>
        <button
          type="submit"
          className={styles.estimateSend}
          disabled={!inRange || sending.kind === 'sending' || (unchanged && sending.kind !== 'failed')}
          data-testid={`${testId}-send`}
        >
          {sending.kind === 'sending' ? 'Sending…' : mine === undefined ? 'Send' : unchanged ? 'Sent ✓' : 'Change'}
        </button>
      </div>
      <p className={styles.estimateState} role="status" data-testid={`${testId}-state`} data-state={sentNow || unchanged ? 'sent' : sending.kind}>
        {problem ??
          (sending.kind === 'failed'
            ? `Not sent: ${sending.message}`
            : sentNow || unchanged
              ? `Sent: ${withUnit(value!, spec.unit)}. You can change it while answers are open.`
              : mine !== undefined
                ? `Your answer so far: ${withUnit(mine, spec.unit)}.`
                : value === null
                  ? 'Drag the slider or type a number.'
                  : '')}
      </p>
    </form>
  );
}

function EstimateHistogram({
  spec,
  estimates,
  answer,
  mine,
  testId,
  compact,
}: {
  spec: NumberSpec;
  estimates: EstimateSummary | null;
  answer: PollAnswer | null;
  mine: number | undefined;
  testId: string;
  compact: boolean;
}) {
  const bins = estimates?.bins ?? [];
  const most = Math.max(1, ...bins);
  const n = estimates?.n ?? 0;
  const measured = answer && typeof answer.value === 'number' ? answer.value : null;
  const ticks = estimateTicks(spec);
  const q = estimates && estimates.q1 !== null && estimates.q3 !== null && estimates.median !== null ? estimates : null;
  const at = (v: number) => pct(positionOf(spec, v));
  return (
    <figure className={styles.estimates} data-testid={`${testId}-histogram`} data-n={n} data-median={q?.median ?? undefined}>
      <figcaption className={styles.estimateSummary} data-testid={`${testId}-summary`}>
        {n === 0 ? (
          'No answers yet.'
        ) : (
          <>
            <span>
              n = <b>{n}</b>
            </span>
            {q && (
              <>
                <span className={styles.estimateMedianKey}>
                  median <b>{withUnit(q.median!, spec.unit)}</b>
                </span>
                <span className={styles.estimateIqrKey}>
                  middle half {formatEstimate(q.q1!)}–{withUnit(q.q3!, spec.unit)}
                </span>
              </>
            )}
          </>
        )}
      </figcaption>
      {!compact && (
        <>
          <div className={styles.estimatePlot} role="img" aria-label={histogramLabel(spec, estimates, measured)}>
            {bins.map((count, i) => (
              <span
                key={i}
                className={styles.estimateBar}
                style={{ left: pct(i / bins.length), width: pct(1 / bins.length), height: pct((BAR_SHARE * count) / most) }}
                data-count={count}
              />
            ))}
            {q && (
              // The middle half as a box above the bars (a box plot's box); the median runs through all.
              <span className={styles.estimateIqr} style={{ left: at(q.q1!), width: `calc(${at(q.q3!)} - ${at(q.q1!)})` }} data-testid={`${testId}-iqr`} />
            )}
            {q && <span className={styles.estimateMedian} style={{ left: at(q.median!) }} data-testid={`${testId}-median`} />}
            {mine !== undefined && <span className={styles.estimateYou} style={{ left: at(mine) }} title="Your answer" />}
            {measured !== null && (
              <span className={styles.estimateMeasured} style={{ left: at(measured) }} data-testid={`${testId}-marker`}>
                <span className={styles.estimateMeasuredTag} style={{ transform: `translateX(${tagShift(positionOf(spec, measured))})` }}>
                  {measured < spec.min ? '◀ ' : ''}
                  measured {answer!.measurement?.written ?? withUnit(measured, answer!.unit ?? spec.unit)}
                  {measured < spec.min || measured > spec.max ? ' (off the scale)' : ''}
                  {measured > spec.max ? ' ▶' : ''}
                </span>
              </span>
            )}
          </div>
          <div className={styles.estimateAxis} aria-hidden="true">
            {ticks.map((t, i) => (
              <span
                key={t}
                style={{ left: at(t) }}
                data-end={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : undefined}
                data-minor={minorTick(spec, t, i, ticks.length) || undefined}
              >
                {formatEstimate(t)}
              </span>
            ))}
          </div>
          <p className={styles.estimateAxisUnit} aria-hidden="true">
            {spec.unit}
            {spec.scale === 'log' ? ', log scale' : ''}
            {mine !== undefined ? ' · dotted: your answer' : ''}
          </p>
        </>
      )}
      {answer && <RevealedAnswer answer={answer} testId={testId} />}
    </figure>
  );
}

/** Share of the plot's height the tallest bar takes: above it is the middle half's box. */
const BAR_SHARE = 0.8;

/** A tick a narrow plot leaves out: on a log axis the 2s and 5s between decades, on a linear one
 *  every other inner tick (the ends always stay). */
function minorTick(spec: NumberSpec, t: number, i: number, count: number): boolean {
  if (i === 0 || i === count - 1) return false;
  return spec.scale === 'log' ? !Number.isInteger(Math.round(Math.log10(t) * 1e9) / 1e9) : i % 2 === 1;
}

/** The measured value's words: the figure, its window, its condition, live or recorded; or why
 *  there is no value. */
function RevealedAnswer({ answer, testId }: { answer: PollAnswer; testId: string }) {
  const m = answer.measurement;
  if (!m || typeof answer.value !== 'number') {
    return (
      <p className={styles.answer} data-testid={`${testId}-answer`}>
        {answer.detail}
      </p>
    );
  }
  return (
    <div className={styles.estimateAnswer} data-testid={`${testId}-answer`}>
      <p className={styles.answer}>
        {m.source}: {m.figure} <b>{m.written ?? withUnit(answer.value, answer.unit ?? '')}</b>
      </p>
      <p className={styles.estimateAnswerWhere}>
        {m.window}
        {m.condition ? ` · ${m.condition}` : ''}
      </p>
    </div>
  );
}

/** Keeps the marker's tag inside the plot near its ends. */
function tagShift(t: number): string {
  return t < 0.15 ? '0%' : t > 0.85 ? '-100%' : '-50%';
}

function histogramLabel(spec: NumberSpec, e: EstimateSummary | null, measured: number | null): string {
  const parts = [
    e && e.n > 0 && e.median !== null
      ? `${e.n} answers, median ${withUnit(e.median, spec.unit)}, middle half ${formatEstimate(e.q1!)} to ${withUnit(e.q3!, spec.unit)}`
      : 'No answers yet',
  ];
  if (measured !== null) parts.push(`measured ${withUnit(measured, spec.unit)}`);
  return parts.join('; ');
}
