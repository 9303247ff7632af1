// The versions the server reports: Rasa's (what clients check) and ours.
import { readFileSync } from 'node:fs';

/** The Rasa release whose HTTP API Parley speaks; clients compare against this. */
export const RASA_VERSION = '3.6.21';

function readPackageVersion(): string {
  // src/server and dist/server both sit two levels below the package root.
  const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(raw) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

export const PARLEY_VERSION: string = readPackageVersion();
