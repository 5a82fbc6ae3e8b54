import type { E2eApp } from '../support/e2e-app';

/**
 * The audit trail is kept by a worker of the projector host, not by a projection,
 * so app.caughtUp() does not wait for it: wait until it lists every event so far.
 */
export async function trailCaughtUp(app: E2eApp, timeoutMs = 10_000): Promise<void> {
  const head = await app.eventStore.headPosition();
  const auditor = app.token('auditor');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.http.get('/api/v1/audit/events').query({ limit: 1, from: '1970-01-01T00:00:00Z' }).set('Authorization', auditor);
    const trail = app.readStore.collection('audit_trail');
    const last = await trail.find({}, { sort: { _id: -1 }, limit: 1 });
    if (res.status === 200 && last.length > 0 && (last[0].position as number) >= head) return;
    if (Date.now() > deadline) throw new Error(`audit trail has not reached position ${head}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Parses an NDJSON body into its lines. */
export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
