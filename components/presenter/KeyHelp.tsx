'use client';
// The console's keys (?), from the one table key-map.ts acts on.
import { KEY_HELP } from './key-map';
import styles from './presenter.module.css';

export function KeyHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className={styles.help} role="dialog" aria-label="Keyboard shortcuts" data-testid="key-help">
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
        Close
      </button>
    </div>
  );
}
