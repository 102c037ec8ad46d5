export { parseFile, type ParsedFile } from '../core/project/parse.js';

/** A parse error as a sentence with its position. */
export function describeParseError(error: unknown): string {
  if (error && typeof error === 'object' && 'lineNumber' in error) {
    const { lineNumber, column, message } = error as { lineNumber: number; column: number; message: string };
    return `does not parse (line ${lineNumber}, column ${column + 1}: ${message}); left untouched`;
  }
  return `does not parse (${error instanceof Error ? error.message : String(error)}); left untouched`;
}
