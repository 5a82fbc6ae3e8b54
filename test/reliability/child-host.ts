/**
 * The real all-in-one host (`dist/src/main.js`, what `npm start` runs), or an API
 * replica, as a child process on a given data dir, for tests that kill it or run
 * several processes on one store: start, SIGKILL, SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as path from 'path';
import { freePort } from '../bench/bench-host';

export const ROOT = path.resolve(__dirname, '../..');
/** The all-in-one host (`npm start`); `API_ONLY` is an API replica of the scale-out deployment (no projector). */
export const ALL_IN_ONE = 'dist/src/main.js';
export const API_ONLY = 'dist/apps/api/src/main.js';
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

/** Compiles the work tree to dist/ (incremental, about a second): the child runs what the test reads. */
export function buildDist(): void {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`build failed:\n${res.stderr}`);
}

export class ChildHost {
  private proc: ChildProcess | null = null;
  private stderr = '';
  base = '';
  /** Boots (ms), one entry per start. */
  readonly bootMs: number[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly main: string = ALL_IN_ONE,
  ) {}

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('host already running');
    const port = await freePort();
    const started = Date.now();
    this.stderr = '';
    const proc = spawn(process.execPath, [path.join(ROOT, this.main)], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + String(chunk)).slice(-20_000)));
    this.proc = proc;
    this.base = `http://127.0.0.1:${port}`;
    // A boot is a few seconds on a quiet machine; a loaded CI box can take many times that.
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (!this.running) throw new Error(`host exited with ${proc.exitCode ?? proc.signalCode}:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`host did not answer /health within 120 s:\n${this.stderr}`);
      if ((await fetch(`${this.base}/health`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    this.bootMs.push(Date.now() - started);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed by the process. Resolves once it is gone. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the clean shutdown (projections stop after their batch, stores close). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  /** What the process wrote to stderr since its start (the tail). */
  get log(): string {
    return this.stderr;
  }
}

/** Runs the built CLI (`aftercare <args>`) on the host's environment; resolves with its exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => (stdout += String(c)));
    proc.stderr.on('data', (c) => (stderr = (stderr + String(c)).slice(-20_000)));
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Waits for `/ready` (every projection caught up, within its tolerance). */
export async function waitReady(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/ready`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('host not ready within 60 s');
}
