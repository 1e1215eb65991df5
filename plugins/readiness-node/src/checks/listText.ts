/**
 * Joins names for one evidence line, capped like `capEvidence` caps lines: a 500-node cluster or a
 * namespace of 300 policies must not turn one line into a wall of text.
 */
export function listText(items: readonly string[], limit = 8): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} … and ${
    items.length - limit
  } more`;
}
