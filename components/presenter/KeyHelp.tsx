'use client';
// The console's keys (?), from the one table key-map.ts acts on. While it is open it holds the
// keys (and the focus): ? or Esc closes it, the deck's keys wait.
import { useEffect, useRef } from 'react';
import { KEY_HELP } from './key-map';
import styles from './presenter.module.css';

export function KeyHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus({ preventScroll: true });
    return () => opener?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={dialog} tabIndex={-1} className={styles.help} role="dialog" aria-label="Keyboard shortcuts" data-testid="key-help">
      <table>
        <tbody>
          {KEY_HELP.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">{keys}</th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close (? or Esc)
      </button>
    </div>
  );
}
