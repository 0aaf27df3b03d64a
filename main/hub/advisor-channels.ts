import type { WebSocket } from 'ws';
import type { AdvisorEvent } from '../../preload/hub-contract';

/** Advisors' open consoles, each told of every change at once. */
export class AdvisorChannels {
  private readonly sockets = new Map<WebSocket, { name: string; session: Buffer; admin: boolean }>();

  /** A signed-in console's event socket, tied to the session it opened with. */
  add(socket: WebSocket, name: string, session: Buffer, admin = false): void {
    this.sockets.set(socket, { name, session, admin });
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (![...this.sockets.values()].some((open) => open.session.equals(session))) this.onLeave?.(session.toString('hex'));
    });
    socket.on('error', () => socket.terminate());
    this.onJoin?.(socket, name, admin);
  }

  /** One console's sockets only (by its sign-in session, hex): a remote call's signalling; false when none is open. */
  sendToSession(session: string, event: AdvisorEvent): boolean {
    let sent = false;
    for (const [socket, open] of this.sockets) {
      if (open.session.toString('hex') !== session || socket.readyState !== socket.OPEN) continue;
      socket.send(JSON.stringify(event));
      sent = true;
    }
    return sent;
  }

  /** A console's socket closed (its session, hex): its remote calls end. */
  onLeave: ((session: string) => void) | undefined;

  /** A console connected: it gets the whole board first. */
  onJoin: ((socket: WebSocket, advisorName: string, admin: boolean) => void) | undefined;

  send(socket: WebSocket, event: AdvisorEvent): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
  }

  broadcast(event: AdvisorEvent): void {
    const text = JSON.stringify(event);
    for (const socket of this.sockets.keys()) if (socket.readyState === socket.OPEN) socket.send(text);
  }

  /** An event only administrators' consoles may see (site policy, updates, logs). */
  broadcastToAdmins(event: AdvisorEvent): void {
    const text = JSON.stringify(event);
    for (const [socket, { admin }] of this.sockets) if (admin && socket.readyState === socket.OPEN) socket.send(text);
  }

  /**
   * Closes the sockets whose session has ended (signed out, expired, the
   * advisor disabled): a console hears nothing once its session is over.
   */
  closeEnded(sessionValid: (session: Buffer) => boolean): void {
    for (const [socket, { session }] of this.sockets) {
      if (!sessionValid(session)) {
        this.sockets.delete(socket);
        socket.close(4401, 'signed out');
      }
    }
  }

  count(): number {
    return this.sockets.size;
  }

  closeAll(): void {
    for (const socket of this.sockets.keys()) socket.close(1001, 'hub stopping');
    this.sockets.clear();
  }
}
