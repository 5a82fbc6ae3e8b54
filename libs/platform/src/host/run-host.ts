import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';

/**
 * The shared `main()` of every host: validate config (a bad value stops boot
 * with a message naming the variable), build the app, listen, and close cleanly
 * on SIGINT/SIGTERM (projections stop, stores close).
 */
export async function runHost(
  name: string,
  build: (config: AppConfig) => Promise<NestFastifyApplication>,
  options: { port: (config: AppConfig) => number; banner?: (config: AppConfig, port: number) => string },
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (config.jwtSecretIsDevDefault) {
    process.stderr.write(
      `\n  WARNING: AFTERCARE_JWT_SECRET is not set: ${name} accepts tokens signed with the PUBLIC development secret.\n` +
        '  Anyone can mint an admin token. Set AFTERCARE_JWT_SECRET for anything but a developer machine\n' +
        '  (with NODE_ENV=production the process refuses to start without it).\n\n',
    );
  }
  let app: NestFastifyApplication;
  try {
    app = await build(config);
    await app.listen({ port: options.port(config), host: config.host });
  } catch (err) {
    process.stderr.write(`${name}: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port(config);
  if (options.banner) process.stderr.write(options.banner(config, port));
  // Close in order (HTTP stops accepting, projections stop, stores close), then
  // exit normally: process.exit runs the 'exit' handlers that write out the log
  // lines still queued for the logging thread, which a re-raised signal would lose.
  const shutdown = (signal: NodeJS.Signals) => {
    process.stderr.write(`${name}: ${signal}, shutting down\n`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${name}: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
