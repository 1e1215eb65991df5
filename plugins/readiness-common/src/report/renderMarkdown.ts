import type { StatusReport } from './model';
import { Block, reportDocument } from './document';

/**
 * Escapes text for Markdown so a value is always literal text: the inline syntax characters
 * (emphasis, code, links, images, raw HTML, entities, table pipes) are backslash-escaped anywhere,
 * and what only means something at the start of a line (list, heading and ordered-list
 * markers followed by a space) is escaped there; line breaks become spaces so a value cannot end a table row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|!~&]/g, c => `\\${c}`)
    .replace(/^(\s*)([-+#])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return escapeMarkdown(b.text);
    case 'list':
      return b.items.map(i => `- ${escapeMarkdown(i)}`).join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(c => escapeMarkdown(c) || ' ').join(' | ')} |`;
      return [row(b.head), `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
    default:
      return '';
  }
}

/** The report as a Markdown document. */
export function renderMarkdown(report: StatusReport): string {
  return `${reportDocument(report).map(block).join('\n\n')}\n`;
}
