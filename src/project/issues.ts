// Problems found in a project: fatal ones are thrown as PROJECT_INVALID, the rest are collected.
import { ParleyError } from '../errors.js';

/** One finding about a project file, always with the place it was found. */
export interface ProjectIssue {
  file: string;
  line: number;
  message: string;
  /** a stable machine-readable category, e.g. `unknown_intent`, `unused_response` */
  kind: string;
}

/** The user-facing error for a broken project file: "domain.yml:12: slot 'x' ..." */
export function projectError(file: string, line: number, message: string, cause?: unknown): ParleyError {
  return new ParleyError('PROJECT_INVALID', `${file}:${line}: ${message}`, { cause, details: { file, line } });
}

export const issue = (file: string, line: number, kind: string, message: string): ProjectIssue =>
  ({ file, line, kind, message });

export const formatIssue = (i: ProjectIssue): string => `${i.file}:${i.line}: ${i.message}`;
