// Parley's own version, and the Rasa version whose protocols it speaks.
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

export const PARLEY_VERSION: string = pkg.version;
/** Rasa clients and rasa-sdk compare against this (rasa-compat §3.2). */
export const RASA_COMPAT_VERSION = '3.6.21';
