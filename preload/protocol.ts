/**
 * The protocol's constants, apart from the schemas so that the preload
 * bundle stays small. Bump PROTOCOL_VERSION on any change to the contract
 * that an older peer would misread.
 */
export const PROTOCOL_VERSION = 1;

/** IPC channel names (Electron transport). */
export const IPC_CALL = 'tupa:call';
export const IPC_EVENT = 'tupa:event';

/** Help from afar: how long the advisor's marker stays on the resident's screen, fading over its last part (the kiosk page's marker and a room PC's overlay alike). */
export const POINTER_SHOWN_MS = 4_000;
