/** Where notifications go. The outbox hands each message to a transport; SMS or e-mail adapters implement the same interface. */
import type { Logger } from 'pino';
import type { OutboxMessage } from '../store/types.js';

export interface NotificationTransport {
  /** Delivers one message; throwing means "try again later". Delivery is at least once: make it idempotent on `msg.id`. */
  send(msg: OutboxMessage): Promise<void>;
}

/** Writes each message to the log (the transport of a development or demo server). */
export function logTransport(log: Logger): NotificationTransport {
  return {
    async send(msg) {
      log.info({ notification: msg.id, to: msg.recipient, caseId: msg.caseId, message: msg.message.fa }, 'notification');
    },
  };
}

/** Keeps messages in memory (tests read `sent`). */
export function memoryTransport(): NotificationTransport & { sent: OutboxMessage[] } {
  const sent: OutboxMessage[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}
