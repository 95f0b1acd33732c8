import { CST, isCollection, isNode, isPair, LineCounter, Parser, type Document } from 'yaml';

/**
 * The deepest nesting of collections a config or signoff may have. Real files need five or six
 * levels; the limit keeps the YAML composer, which recurses, far from the end of the stack.
 * Past that end it reports an error at a place that depends on how deep the caller's stack
 * already is, and on a few hundred kilobytes of `[` V8 aborts the process outright.
 */
export const maxYamlNesting = 64;

export interface TooDeep {
  line: number;
  message: string;
}

/** Checks the text before it is composed (the parser and this walk keep their own stacks). */
export function nestingBeforeCompose(text: string): TooDeep | undefined {
  const lines = new LineCounter();
  for (const token of new Parser(lines.addNewLine).parse(text)) {
    if (token.type !== 'document') continue;
    const deep = firstBeyond(token.value, maxYamlNesting, (t) => CST.isCollection(t), (t) => (CST.isCollection(t) ? t.items.flatMap((item) => [item.key, item.value]) : []));
    if (deep) return tooDeep(lines.linePos(deep.offset).line);
  }
  return undefined;
}

/**
 * Checks the composed document (`lines` is the counter it was parsed with). A flow sequence
 * item `a: b` becomes a one-pair mapping that has no token of its own, so this can find a level
 * the text check could not; never fewer.
 */
export function nestingAfterCompose(doc: Document, lines: LineCounter): TooDeep | undefined {
  const deep = firstBeyond<unknown>(doc.contents, maxYamlNesting, isCollection, (node) => (isCollection(node) ? node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item])) : []));
  return deep === undefined ? undefined : tooDeep(lines.linePos(isNode(deep) ? (deep.range?.[0] ?? 0) : 0).line);
}

function tooDeep(line: number): TooDeep {
  return { line, message: `mappings and lists nest more than ${maxYamlNesting} levels deep (a handful is normal); the file is likely damaged, or written by a tool gone wrong` };
}

/** The first collection (in reading order) nested deeper than `limit`, walked without recursion. */
function firstBeyond<T>(root: T | null | undefined, limit: number, counts: (item: T) => boolean, children: (item: T) => Array<T | null | undefined>): T | undefined {
  const pending: Array<{ item: T; depth: number }> = root === null || root === undefined ? [] : [{ item: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const depth = next.depth + (counts(next.item) ? 1 : 0);
    if (depth > limit) return next.item;
    for (const child of children(next.item).reverse()) if (child !== null && child !== undefined) pending.push({ item: child, depth });
  }
  return undefined;
}
