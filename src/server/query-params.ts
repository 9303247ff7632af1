// Reading Rasa's common query parameters (rasa-compat §1.3).
import { EVENT_VERBOSITIES, parseVerbosity, type EventVerbosity } from '../core/index.js';
import { ParleyError } from '../errors.js';

/** `include_events`, case-insensitive; anything else is Rasa's 400 with {parameter, in}. */
export function verbosityFrom(raw: string | undefined): EventVerbosity {
  const verbosity = parseVerbosity(raw);
  if (verbosity === undefined) {
    throw new ParleyError('HTTP_BAD_REQUEST',
      `Invalid parameter value for 'include_events'. Should be one of ${EVENT_VERBOSITIES.join(', ')}`,
      { details: { parameter: 'include_events', in: 'query' } });
  }
  return verbosity;
}

/** Rasa's bool_arg: only the string "true" (any case) is true. */
export const boolArg = (v: string | undefined): boolean => v?.toLowerCase() === 'true';
