import * as http from 'http';

export interface SseEvent {
  id: string;
  event: string;
  data: Record<string, unknown> & { position: number; type: string };
}

/** A minimal SSE reader for tests: collects events, counts comment lines (heartbeats), can drop the connection. */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  status = 0;
  private request: http.ClientRequest | undefined;
  private buffer = '';
  private waiters: (() => void)[] = [];

  static open(baseUrl: string, path: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.request = http.get(`${baseUrl}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.feed(chunk));
        res.on('error', () => undefined);
        resolve(client);
      });
      client.request.on('error', reject);
    });
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (Date.now() > deadline) throw new Error(`got ${this.events.length} of ${count} events`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.request?.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments++;
        const colon = line.indexOf(': ');
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
      }
      if (fields.data) this.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}
