import type { RecordedEvent } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { Collection, ReadStore } from '@aftercare/read-store';
import type { BackgroundWorker } from '@aftercare/platform';
import { PUBLIC_EVENT_TYPES, toPublicEvent } from '../event-catalogue/public-events.catalogue';
import {
  deliveryIdOf,
  signatureOf,
  WEBHOOK_DELIVERIES,
  WEBHOOK_DELIVERY_INDEXES,
  WEBHOOKS,
  type WebhookDeliveryDoc,
  type WebhookDoc,
} from './webhook.documents';

export interface WebhookDeliveryOptions {
  /**
   * Pauses before each retry: the first retry after retryDelaysMs[0], … A delivery
   * still failing after the last one is parked. Default 1 s, 2 s, 4 s, 8 s, 16 s, 32 s.
   */
  retryDelaysMs?: number[];
  /** How often subscriptions are looked at for new events. Default 500 ms. */
  pollMs?: number;
  /** A receiver answering slower than this counts as a failure. Default 10 s. */
  timeoutMs?: number;
  /** Events read per subscription per round. Default 100. */
  batchSize?: number;
}

export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

/**
 * Pushes public events to webhook subscribers (API.md "Audit and integration"),
 * run by the projector host. Per subscription, in log order and one at a time:
 * POST the event as /events/stream sends it, signed with the subscription's
 * secret; a non-2xx answer or a network error is retried with exponential
 * backoff (retryDelaysMs); after the last retry the delivery is parked and the
 * next event goes. Backoff runs on system time, not the business clock. At-least-once: a crash between a delivery and its record sends
 * it again with the same X-Aftercare-Delivery id, so receivers de-duplicate on it.
 */
export class WebhookDeliveryWorker implements BackgroundWorker {
  readonly name = 'webhook-delivery';
  private readonly retryDelaysMs: number[];
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly webhooks: Collection<WebhookDoc>;
  private readonly deliveries: Collection<WebhookDeliveryDoc>;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly inflight = new Set<AbortController>();

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    options: WebhookDeliveryOptions = {},
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.pollMs = options.pollMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 100;
    this.webhooks = readStore.collection<WebhookDoc>(WEBHOOKS);
    this.deliveries = readStore.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES);
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const c of this.inflight) c.abort();
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async run(): Promise<void> {
    await this.readStore.transaction(async () => {
      for (const spec of WEBHOOK_DELIVERY_INDEXES) await this.deliveries.createIndex(spec);
    });
    while (!this.stopping) {
      let waitMs = this.pollMs;
      try {
        for (const hook of await this.webhooks.find({})) {
          if (this.stopping) break;
          const due = await this.deliverSome(hook);
          if (due !== null) waitMs = Math.min(waitMs, due);
        }
      } catch (error) {
        if (!this.stopping) this.onError(error);
      }
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, waitMs));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Delivers what is due for one subscription; returns ms until its next retry is due, or null. */
  private async deliverSome(hook: WebhookDoc): Promise<number | null> {
    const types = hook.types.filter((t) => PUBLIC_EVENT_TYPES.includes(t));
    if (types.length === 0) return null;
    let position = hook.position;
    for await (const event of this.events.readAll({ from: position + 1, filter: { types }, limit: this.batchSize })) {
      if (this.stopping) return null;
      const waitMs = await this.deliver(hook, event);
      if (waitMs !== null) return waitMs;
      position = event.position;
      const moved = await this.write(() => this.webhooks.updateOne({ _id: hook._id, generation: hook.generation }, { $set: { position } }));
      // Deleted or replayed meanwhile: start again from what is stored.
      if (moved.matchedCount === 0) return 0;
    }
    return null;
  }

  /** null when the event is done with (delivered or parked), else ms until its retry is due. */
  private async deliver(hook: WebhookDoc, event: RecordedEvent): Promise<number | null> {
    const id = deliveryIdOf(hook._id, hook.generation, event.position);
    const existing = await this.deliveries.findOne({ _id: id });
    if (existing && existing.status !== 'pending') return null;
    const now = new Date();
    if (existing?.nextAttemptAt && Date.parse(existing.nextAttemptAt) > now.getTime()) {
      return Date.parse(existing.nextAttemptAt) - now.getTime();
    }
    const body = JSON.stringify(toPublicEvent(event));
    const outcome = await this.post(hook, id, event.type, body);
    const attempts = (existing?.attempts ?? 0) + 1;
    const at = new Date().toISOString();
    const doc: WebhookDeliveryDoc = {
      _id: id,
      webhookId: hook._id,
      generation: hook.generation,
      position: event.position,
      eventId: event.metadata.eventId,
      eventType: event.type,
      status: 'pending',
      attempts,
      lastStatus: outcome.status,
      lastError: outcome.error,
      firstAttemptAt: existing?.firstAttemptAt ?? at,
      lastAttemptAt: at,
      nextAttemptAt: null,
      deliveredAt: null,
    };
    let waitMs: number | null = null;
    if (outcome.ok) {
      doc.status = 'delivered';
      doc.deliveredAt = at;
    } else if (attempts > this.retryDelaysMs.length) {
      doc.status = 'parked';
    } else {
      waitMs = this.retryDelaysMs[attempts - 1];
      doc.nextAttemptAt = new Date(new Date().getTime() + waitMs).toISOString();
    }
    await this.write(() => this.deliveries.replaceOne({ _id: id }, doc, { upsert: true }));
    return waitMs;
  }

  private async post(hook: WebhookDoc, deliveryId: string, type: string, body: string): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const controller = new AbortController();
    this.inflight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-aftercare-signature': signatureOf(body, hook.secret),
          'x-aftercare-delivery': deliveryId,
          'x-aftercare-event-type': type,
        },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}` };
    } catch (error) {
      return { ok: false, status: null, error: controller.signal.aborted ? 'timed out' : String((error as Error)?.message ?? error) };
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
  }

  /** Own transaction: on the connection shared with the projection runner a bare write would join the runner's. */
  private write<R>(work: () => Promise<R>): Promise<R> {
    return this.readStore.transaction(work);
  }
}
