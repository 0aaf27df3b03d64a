/**
 * The protocol's constants, apart from the schemas so that the preload
 * bundle stays small. Bump PROTOCOL_VERSION on any change to the contract
 * that an older peer would misread.
 */
export const PROTOCOL_VERSION = 1;

/** IPC channel names (Electron transport). */
export const IPC_CALL = 'tupa:call';
export const IPC_EVENT = 'tupa:event';
