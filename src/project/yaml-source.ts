// One parsed YAML file that knows the line of every node, so readers can say where a problem is.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { issue } from './issues.js';
import type { ProjectIssue } from './issues.js';
import { projectError } from './issues.js';

/** A map entry with its key as a string and the line of the key. */
export interface Entry { key: string; value: Node | null; line: number }

export class YamlSource {
  readonly warnings: ProjectIssue[] = [];

  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; a syntax error is thrown as PROJECT_INVALID with its line. */
  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      const line = lines.linePos(first.pos[0]).line;
      throw projectError(file, line, `invalid YAML: ${first.message.split('\n')[0] ?? first.code}`);
    }
    return new YamlSource(file, doc, lines);
  }

  /** The document root, or null for an empty file. */
  get root(): Node | null {
    return this.resolve(this.doc.contents);
  }

  line(node: Node | null | undefined, fallback = 1): number {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : this.lines.linePos(offset).line;
  }

  fail(node: Node | null | undefined, message: string, fallbackLine = 1): never {
    throw projectError(this.file, this.line(node, fallbackLine), message);
  }

  warn(node: Node | null | undefined, kind: string, message: string, fallbackLine = 1): void {
    this.warnings.push(issue(this.file, this.line(node, fallbackLine), kind, message));
  }

  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.resolve(node.resolve(this.doc));
    return node as Node;
  }

  /** The entries of a map node; anything else is an error naming `what`. */
  entries(node: Node | null, what: string, fallbackLine?: number): Entry[] {
    if (!isMap(node)) this.fail(node, `${what} must be a mapping`, fallbackLine);
    return (node as YAMLMap).items.filter(isPair).map((pair) => {
      const keyNode = this.resolve(pair.key);
      return { key: String(this.js(keyNode)), value: this.resolve(pair.value), line: this.line(keyNode, fallbackLine) };
    });
  }

  /** The items of a sequence node; a null node (empty key) is an empty list. */
  items(node: Node | null, what: string, fallbackLine?: number): Node[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) this.fail(node, `${what} must be a list`, fallbackLine);
    return node.items.map((n) => this.resolve(n)).filter((n): n is Node => n !== null);
  }

  /** A non-empty string scalar (numbers and booleans are written back as text). */
  str(node: Node | null, what: string, fallbackLine?: number): string {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(node, `${what} must be a non-empty string`, fallbackLine);
  }

  /** A string or a list of strings, as Rasa allows for `intent`, `not_intent`, `ignored_intents`. */
  strList(node: Node | null, what: string, fallbackLine?: number): string[] {
    if (isScalar(node) && node.value !== null) return [this.str(node, what, fallbackLine)];
    return this.items(node, what, fallbackLine).map((n) => this.str(n, `${what} item`, fallbackLine));
  }

  bool(node: Node | null, what: string, fallbackLine?: number): boolean {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'boolean') this.fail(node, `${what} must be true or false`, fallbackLine);
    return value as boolean;
  }

  num(node: Node | null, what: string, fallbackLine?: number): number {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'number' || Number.isNaN(value)) this.fail(node, `${what} must be a number`, fallbackLine);
    return value as number;
  }

  /** Plain JavaScript value of a node (for free-form parts: metadata, custom payloads). */
  js(node: Node | null): unknown {
    if (node === null) return null;
    return node.toJS(this.doc, { maxAliasCount: 1000 }) as unknown;
  }

  isMap(node: Node | null): boolean { return isMap(node); }
  isSeq(node: Node | null): boolean { return isSeq(node); }
  isScalar(node: Node | null): boolean { return isScalar(node); }
  isNull(node: Node | null): boolean { return node === null || (isScalar(node) && node.value === null); }
}
