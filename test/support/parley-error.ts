// What a call that must fail with a ParleyError failed with, as "CODE: message", for one assertion.
import { isParleyError } from '../../src/errors.js';

/** "CODE: message" of the ParleyError `f` throws; any other error is rethrown, and no error fails the test. */
export function parleyErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (isParleyError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a ParleyError, but nothing was thrown');
}
