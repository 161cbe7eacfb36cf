'use client';
// The light room on the console: one switch, what it does in words beside it (the server holds
// it — deck:light — so every presenter window shows the same, and it is kept across a restart).
import type { Ack } from '@/lib/contract/ack';
import { useDeckState, useSend } from '../shared/channel-hooks';
import { LIGHT_ROOM_SAVES } from '@/lib/viz/light-room';
import styles from './presenter.module.css';

export function LightRoomSwitch({ report }: { report: (r: Ack<unknown>) => void }) {
  const state = useDeckState();
  const send = useSend();
  const on = state?.light ?? false;
  return (
    <div className={styles.lightRoom} data-testid="light-room" data-on={on ? 'true' : 'false'}>
      <label className={styles.lightRoomLabel} title={`No charts to phones: ${LIGHT_ROOM_SAVES}`}>
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={!state}
          onChange={(e) => void send('deck:light', { light: e.target.checked }).then(report)}
          data-testid="light-room-switch"
        />
        Light room{on ? ' · on' : ''}
      </label>
      <span className={styles.lightRoomWhat} data-testid="light-room-what">
        no charts to phones: {LIGHT_ROOM_SAVES}
      </span>
    </div>
  );
}
