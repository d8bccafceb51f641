/**
 * What the config loader reports: one issue per problem, with the file, the line, the key path, what
 * is wrong and a hint, and the one text format people read (`npm run check:config`, start-up).
 */

export interface ConfigIssue {
  file: string;
  line?: number;
  /** Column of the key (1-based); not printed, the line is what people look up. */
  col?: number;
  /** Dotted key path inside the file (`panels.2.indicator`); empty for the whole file. */
  path: string;
  message: string;
  hint?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = 'ConfigError';
  }
}

export function formatIssues(issues: ConfigIssue[]): string {
  const lines = issues.map((i) => {
    const where = `${i.file}${i.line ? `:${i.line}` : ''}`;
    const key = i.path ? ` at "${i.path}"` : '';
    return `  ✗ ${where}${key}: ${i.message}${i.hint ? `\n      Hint: ${i.hint}` : ''}`;
  });
  return `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
