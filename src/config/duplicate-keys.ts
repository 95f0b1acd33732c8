import { isMap, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Pair } from 'yaml';
import { formatPath, type PathSegment } from './paths';

/**
 * What a duplicate-key error at `offset` means for the user: the setting given twice, by its
 * path, and the line of its first occurrence (yaml says only "Map keys must be unique"). Undefined
 * when no key starts there.
 */
export function duplicateKeyProblem(doc: Document, lines: LineCounter, offset: number): string | undefined {
  let problem: string | undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const map = ancestors.at(-1);
      const first = isMap(map) ? map.items.find((other) => isScalar(other.key) && other.key.value === (pair.key as { value: unknown }).value) : undefined;
      const firstLine = first && isScalar(first.key) && first.key.range ? lines.linePos(first.key.range[0]).line : undefined;
      problem = `${formatPath([...pathTo(ancestors), String(pair.key.value)])} is given twice${firstLine === undefined ? '' : ` (first at line ${firstLine})`}; keep one`;
      return visit.BREAK;
    },
  });
  return problem;
}

function pathTo(ancestors: readonly unknown[]): PathSegment[] {
  const segments: PathSegment[] = [];
  ancestors.forEach((node, i) => {
    if (isPair(node) && isScalar((node as Pair).key)) segments.push(String(((node as Pair).key as { value: unknown }).value));
    else if (isSeq(node)) segments.push(node.items.indexOf(ancestors[i + 1] as never));
  });
  return segments;
}
