/**
 * The first SIGINT or SIGTERM, listened for from the moment this is called.
 * Call it before a program prints that it is ready: without a listener,
 * Node leaves SIGTERM to the system, which ends the process at once (exit
 * code null, nothing stopped cleanly) if the signal comes in the instant
 * between the ready line and the listener. Signals after the first are
 * ignored while stopping (each program's stop has a time limit of its own).
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const received = (signal: NodeJS.Signals) => resolve(signal);
    process.on('SIGINT', received);
    process.on('SIGTERM', received);
  });
}
