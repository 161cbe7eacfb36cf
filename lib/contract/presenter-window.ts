// A window holding the presenter token, as the others see it (its own module: the ack's stale
// refusal names one, and the ack must not import the event map that imports the command table).

/** The console, the phone remote, a projector screen. */
export type PresenterKind = 'console' | 'remote' | 'screen';

export interface PresenterWindow {
  /** The window's own random id, kept across its reconnects. */
  client: string;
  /** Who holds it, as they typed it (text, never markup); "Presenter" when unnamed. */
  name: string;
  kind: PresenterKind;
}
