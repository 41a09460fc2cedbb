import {
  NOTIFICATION_CHANNEL,
  PRESENCE_CHANNEL,
  TICKET_CHANNEL,
  type PresenceSignal,
  type PresenceState,
  type TicketChange,
} from './channels';

export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

/** `resync`: the LISTEN connection was lost and is back; changes may have been missed, so refetch. */
export type LiveMessage =
  | { kind: 'ticket'; change: TicketChange }
  | { kind: 'presence'; number: number }
  | { kind: 'notification'; userId: string }
  | { kind: 'resync' };

export interface Presence {
  userId: string;
  name: string;
  state: Exclude<PresenceState, 'left'>;
}

/** A viewer who stops sending heartbeats (closed laptop, lost network) drops off after this. */
export const PRESENCE_TTL_MS = 30_000;

/**
 * One per app instance: a single LISTEN connection whose notifications are fanned out to every
 * browser stream the instance serves. Presence is rebuilt from the same notifications, so each
 * instance knows who is on a ticket whichever instance they are connected to.
 */
export class LiveHub {
  private readonly subscribers = new Set<(message: LiveMessage) => void>();
  private readonly presence = new Map<number, Map<string, Presence & { expires: number }>>();
  private unlisten: (() => Promise<void>)[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  async start(listen: Listen): Promise<void> {
    this.unlisten = [
      await listen(TICKET_CHANNEL, (payload) => this.onTicket(payload)),
      await listen(PRESENCE_CHANNEL, (payload) => this.onPresence(payload)),
      await listen(NOTIFICATION_CHANNEL, (payload) => this.onNotification(payload)),
    ];
  }

  async stop(): Promise<void> {
    await Promise.all(this.unlisten.map((off) => off()));
    this.unlisten = [];
    this.subscribers.clear();
  }

  /** After the LISTEN connection came back: every stream tells its browser to refetch. */
  resync(): void {
    this.publish({ kind: 'resync' });
  }

  subscribe(fn: (message: LiveMessage) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Who is on the ticket now, typing first. */
  presenceOf(number: number): Presence[] {
    const viewers = this.presence.get(number);
    if (!viewers) return [];
    const now = this.now();
    const alive: Presence[] = [];
    for (const [userId, p] of viewers) {
      if (p.expires <= now) viewers.delete(userId);
      else alive.push({ userId: p.userId, name: p.name, state: p.state });
    }
    return alive.sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'typing' ? -1 : 1));
  }

  private onTicket(payload: string): void {
    const change = parse<TicketChange>(payload);
    if (change && typeof change.number === 'number') this.publish({ kind: 'ticket', change });
  }

  /** Published to every stream; each forwards only its own user's (app/api/v1/events). */
  private onNotification(payload: string): void {
    const signal = parse<{ userId?: unknown }>(payload);
    if (signal && typeof signal.userId === 'string') this.publish({ kind: 'notification', userId: signal.userId });
  }

  private onPresence(payload: string): void {
    const signal = parse<PresenceSignal>(payload);
    if (!signal || typeof signal.number !== 'number' || typeof signal.userId !== 'string') return;
    let viewers = this.presence.get(signal.number);
    if (!viewers) this.presence.set(signal.number, (viewers = new Map()));
    if (signal.state === 'left') viewers.delete(signal.userId);
    else
      viewers.set(signal.userId, {
        userId: signal.userId,
        name: signal.name,
        state: signal.state,
        expires: this.now() + PRESENCE_TTL_MS,
      });
    if (viewers.size === 0) this.presence.delete(signal.number);
    this.publish({ kind: 'presence', number: signal.number });
  }

  private publish(message: LiveMessage): void {
    for (const fn of this.subscribers) {
      try {
        fn(message);
      } catch {
        // A broken stream must not stop the others; its own abort handler unsubscribes it.
      }
    }
  }
}

function parse<T>(payload: string): T | null {
  try {
    return JSON.parse(payload) as T;
  } catch {
    return null;
  }
}
