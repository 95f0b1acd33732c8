// yaml's parser and composer recurse. Past the end of the stack they fail at a place that
// depends on how deep the caller's stack already is, and on a few hundred kilobytes of `[` V8
// aborts the process outright; so the depth is checked first, without recursion.
import { Composer, CST, isCollection, isNode, isPair, Lexer, LineCounter, Parser, YAMLParseError, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';
import { firstBeyond, maxNesting } from '../nesting';

/**
 * The lexer loops where the parser recurses (once per block level it closes), so a bound from
 * the lexer's tokens comes first. It counts each column where a block node starts, twice (a
 * mapping and the list under one of its keys may share a column), plus open flow brackets: never
 * less than the real depth, at most about three times it, so past this many the real depth is
 * past the limit too, and below it the parser is safe.
 */
const lexicalBound = 4 * maxNesting;

export interface TooDeep {
  line: number;
  message: string;
}

/** Checks the text before it is parsed and composed, without recursion. */
export function nestingBeforeCompose(text: string): TooDeep | undefined {
  const parsed = lexAndParse(text);
  return 'tooDeep' in parsed ? parsed.tooDeep : undefined;
}

export type DocumentOrTooDeep = { doc: Document; lines: LineCounter } | { tooDeep: TooDeep };

/**
 * yaml's parseDocument, with the nesting check of the text between parsing and composing: the
 * text is lexed and parsed once, where checking it first and then calling parseDocument did it
 * twice (2.6 ms of CPU in every run, which all start with a config load). Errors carry their offsets
 * (`pos`), not yet turned into lines: `lines` does that.
 */
export function parseDocumentChecked(text: string, options: DocumentOptions & ParseOptions & SchemaOptions): DocumentOrTooDeep {
  const parsed = lexAndParse(text);
  if ('tooDeep' in parsed) return parsed;
  let doc: Document | undefined;
  // As parseDocument: the first document, and an error where a second one starts.
  for (const next of new Composer(options).compose(parsed.tokens, true, text.length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== 'silent') {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'a second YAML document starts here (after a `---` line); keep the file to one document'));
      break;
    }
  }
  return { doc: doc as Document, lines: parsed.lines };
}

/** The parser's tokens, unless the text nests too deep for the parser or the composer. */
function lexAndParse(text: string): { tokens: CST.Token[]; lines: LineCounter } | { tooDeep: TooDeep } {
  const lexemes = Array.from(new Lexer().lex(text));
  const beyondBound = offsetBeyondLexicalBound(lexemes);
  if (beyondBound !== undefined) return { tooDeep: tooDeep(text.slice(0, beyondBound).split('\n').length) };
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  // As Parser.parse does before its first lexeme.
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of lexemes) tokens.push(...parser.next(lexeme));
  tokens.push(...parser.end());
  for (const token of tokens) {
    if (token.type !== 'document') continue;
    const deep = firstBeyond(token.value, maxNesting, (t) => CST.isCollection(t), (t) => (CST.isCollection(t) ? t.items.flatMap((item) => [item.key, item.value]) : []));
    if (deep) return { tooDeep: tooDeep(lines.linePos(deep.offset).line) };
  }
  return { tokens, lines };
}

/**
 * Checks the composed document (`lines` is the counter it was parsed with). A flow sequence
 * item `a: b` becomes a one-pair mapping that has no token of its own, so this can find a level
 * the text check could not; never fewer.
 */
export function nestingAfterCompose(doc: Document, lines: LineCounter): TooDeep | undefined {
  const children = (node: Node): Node[] => (isCollection(node) ? node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item])).filter(isNode) : []);
  const deep = firstBeyond<Node>(doc.contents, maxNesting, isCollection, children);
  return deep ? tooDeep(lines.linePos(deep.range?.[0] ?? 0).line) : undefined;
}

/** Where the lexical bound is first exceeded, or undefined. */
function offsetBeyondLexicalBound(lexemes: readonly string[]): number | undefined {
  const starts: number[] = []; // columns of the block nodes open on the current path
  let flow = 0;
  let offset = 0;
  let column = 0;
  let lineStart = true;
  let afterIndicator = false;
  for (const lexeme of lexemes) {
    // Markers the lexer adds for the parser; they are not in the text.
    if (lexeme === CST.DOCUMENT || lexeme === CST.FLOW_END || lexeme === CST.SCALAR) continue;
    const type = CST.tokenType(lexeme);
    const at = offset;
    offset += lexeme.length;
    const newline = lexeme.lastIndexOf('\n');
    const startColumn = column;
    column = newline < 0 ? column + lexeme.length : lexeme.length - newline - 1;
    if (type === 'doc-start' || type === 'doc-end') {
      starts.length = 0;
      flow = 0;
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && type !== 'space' && type !== 'newline' && type !== 'comment' && type !== 'comma' && type !== 'byte-order-mark' && type !== 'directive-line') {
      // A block node starts here: first on its line (closing the deeper ones), or after - ? :
      if (lineStart) while (starts.length > 0 && (starts.at(-1) as number) > startColumn) starts.pop();
      if ((lineStart || afterIndicator) && starts.at(-1) !== startColumn) starts.push(startColumn);
    }
    if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
    if (type !== 'space' && type !== 'newline') afterIndicator = type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind';
    lineStart = newline === lexeme.length - 1 || (lineStart && type === 'space');
    if (2 * starts.length + flow > lexicalBound) return at;
  }
  return undefined;
}

function tooDeep(line: number): TooDeep {
  return { line, message: `mappings and lists nest more than ${maxNesting} levels deep (a handful is normal); the file is likely damaged, or written by a tool gone wrong` };
}
