import { Inject, Injectable, LoggerService, OnApplicationShutdown } from '@nestjs/common';
import pino, { Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

export const LOGGER = Symbol('Logger');

/**
 * JSON lines on stdout. Lines are written by pino's file transport on a worker
 * thread: the request path only serialises the line into a shared buffer, so it
 * never waits on (or spends its event loop on) writing to a terminal or a pipe.
 * Measured on GET /health: with the asynchronous in-thread destination, logging
 * one line per request cost more than half the throughput; on the worker, a tenth.
 */
export function createLogger(level: LogLevel, service: string): Logger {
  const options = { level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label: string) => ({ level: label }) } };
  if (level === 'silent') return pino(options);
  return pino(options, pino.transport({ target: 'pino/file', options: { destination: 1 } }));
}

/** Nest's own messages (bootstrap, route mapping) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    if (message instanceof Error) this.pino.error({ err: message, context: stackOrContext }, message.message);
    else this.pino.error({ context: context ?? stackOrContext }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.pino.fatal({ context }, String(message));
  }
}

/** Writes what the asynchronous destination still holds before the process exits. */
@Injectable()
export class LogFlushLifecycle implements OnApplicationShutdown {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}
  onApplicationShutdown(): void {
    try {
      this.log.flush();
    } catch {
      // The destination may already be closed (process exit); nothing is left to save then.
    }
  }
}
