import type { EventEmitter } from 'node:events';

/**
 * The bridge's exit status after a board reset: EX_TEMPFAIL (sysexits.h), "try again later". Its
 * service manager (systemd `Restart=always`) starts it again, and it configures the board from
 * scratch: crash-only, rather than rebuilding Johnny-Five's components in the running process.
 */
export const BOARD_RESET_EXIT_CODE = 75;

/**
 * Calls `onReset` once when the board announces itself again after the handshake. Firmata
 * firmware announces its version and then its name when it starts, and nothing asks for either
 * after the handshake, so this is a watchdog, brown-out or DTR reset (or a power cut to the board
 * alone): its pins are inputs again, its failsafe unarmed, its reporting off, and Johnny-Five's
 * components no longer describe it. Either message counts: a reset in the middle of a message
 * leaves firmata.js's parser holding its first bytes, and it can swallow the version (three bytes)
 * as the end of that message. Call it once the board is ready.
 */
export function onBoardReset(io: EventEmitter, onReset: () => void): void {
  let reset = false;
  const announced = () => {
    if (reset) return;
    reset = true;
    io.off('reportversion', announced);
    io.off('queryfirmware', announced);
    onReset();
  };
  io.on('reportversion', announced);
  io.on('queryfirmware', announced);
}
