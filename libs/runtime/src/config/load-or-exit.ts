import { type AppConfig, ConfigError, loadConfig } from './config';

/** The configuration, or the process stops with a message naming the bad setting. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
