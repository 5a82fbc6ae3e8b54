import { FixedClock } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';
import { NOW, registerDealers } from '../customers/customer-file.scenario';

/** The little of `ws` (mercurius' websocket library) this client uses: the tree has no type declarations for it. */
interface WsSocket {
  on(event: 'message', listener: (raw: Buffer) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  once(event: 'open' | 'error', listener: (arg?: unknown) => void): WsSocket;
  send(data: string): void;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string, protocol: string) => WsSocket;

/** A `graphql-transport-ws` client of /graphql: what an integrator's GraphQL library speaks. */
class GraphQlSocket {
  private readonly messages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number } | null = null;

  private constructor(private readonly ws: WsSocket) {
    ws.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()) as Record<string, unknown>);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closed = { code };
      this.wake();
    });
  }

  static async open(baseUrl: string, payload: object): Promise<GraphQlSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const socket = new GraphQlSocket(ws);
    ws.send(JSON.stringify({ type: 'connection_init', payload }));
    return socket;
  }

  send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The next message matching `match`, in arrival order (earlier ones that do not match are kept). */
  async next(match: (m: Record<string, unknown>) => boolean = () => true, timeoutMs = 10_000): Promise<Record<string, unknown> | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex(match);
      if (i >= 0) return this.messages.splice(i, 1)[0];
      if (this.closed || Date.now() > deadline) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

describe('integrators follow public events with the GraphQL subscription events(types)', () => {
  let app: E2eApp;
  const advisor = (dealerId: string) => app.token('service_advisor', { dealerId, sub: `sa-${dealerId}` });
  const register = async (dealerId: string, i: number) =>
    (await app.http.post('/api/v1/customers').set('Authorization', advisor(dealerId)).send({ name: `客户${i}`, phone: `139${String(i).padStart(8, '0')}` }).expect(201)).body.id as string;
  const QUERY = 'subscription ($types: [String!], $from: Int) { events(types: $types, from: $from) { id position type version streamId data dealerId recordedAt } }';

  async function subscribe(token: string, variables: object): Promise<GraphQlSocket> {
    const socket = await GraphQlSocket.open(app.baseUrl, { authorization: token });
    expect(await socket.next((m) => m.type === 'connection_ack')).toEqual({ type: 'connection_ack' });
    socket.send({ id: '1', type: 'subscribe', payload: { query: QUERY, variables } });
    return socket;
  }
  const nextEvent = async (socket: GraphQlSocket) => {
    const message = await socket.next((m) => m.type !== 'ka');
    expect(message).toMatchObject({ id: '1', type: 'next' });
    return (message!.payload as { data: { events: Record<string, unknown> } }).data.events;
  };

  beforeAll(async () => {
    app = await startApp({ clock: new FixedClock(NOW) });
    await registerDealers(app);
    await register('D1', 1);
    await register('D2', 2);
  });
  afterAll(async () => app?.stop());

  it('sends the public events of the asked types from a position, then live ones, in log order', async () => {
    const socket = await subscribe(app.token('integrator'), { types: ['CustomerRegistered'], from: 0 });
    try {
      const first = await nextEvent(socket);
      const second = await nextEvent(socket);
      expect([first.dealerId, second.dealerId]).toEqual(['D1', 'D2']);
      expect(first).toMatchObject({ type: 'CustomerRegistered', version: 1, id: String(first.position), streamId: expect.stringMatching(/^customer-/) });
      expect(JSON.parse(first.data as string)).toMatchObject({ customerId: expect.any(String) });
      expect(second.position as number).toBeGreaterThan(first.position as number);
      const live = await register('D1', 3);
      const third = await nextEvent(socket);
      expect(third).toMatchObject({ type: 'CustomerRegistered', streamId: `customer-${live}` });
    } finally {
      socket.close();
    }
  });

  it('keeps a dealer role to its own dealer’s events', async () => {
    const socket = await subscribe(advisor('D2'), { types: ['CustomerRegistered'], from: 0 });
    try {
      expect(await nextEvent(socket)).toMatchObject({ dealerId: 'D2' });
      await register('D1', 4);
      const own = await register('D2', 5);
      expect(await nextEvent(socket)).toMatchObject({ dealerId: 'D2', streamId: `customer-${own}` });
    } finally {
      socket.close();
    }
  });

  it('refuses types outside the public catalogue, and a connection without a valid token', async () => {
    const socket = await subscribe(app.token('integrator'), { types: ['DealerRegistered'], from: 0 });
    const refused = await socket.next((m) => m.type === 'error');
    expect(JSON.stringify(refused)).toContain('EVENTS.UNKNOWN_TYPE');
    socket.close();

    const anonymous = await GraphQlSocket.open(app.baseUrl, { authorization: 'Bearer nonsense' });
    expect(await anonymous.next((m) => m.type === 'connection_ack', 3_000)).toBeNull();
    expect(anonymous.closed).not.toBeNull();
  });
});
