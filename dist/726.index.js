'use strict';
({ id: 726, ids: [726], modules: {

/***/ 726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readCsvRows: () => (/* binding */ readCsvRows)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var csv_parse__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56070);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _contract_utf8__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(82659);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);





/**
 * Streams a CSV file (RFC 4180: a header row, fields quoted with " when they hold the delimiter,
 * quotes or line breaks; LF or CRLF; an optional UTF-8 BOM) as one object per record, keyed by
 * the header. Empty lines are skipped. A malformed record, or bytes that are not UTF-8, stop the
 * read with the file and the line. `onChunk` sees every byte read, for a digest in the same pass.
 */
async function* readCsvRows(file, what, onChunk) {
    const source = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file);
    const opened = new Promise((resolve, reject) => {
        source.once('open', () => resolve());
        source.once('error', reject);
    });
    try {
        await opened;
    }
    catch (error) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`cannot read ${what} ${file}: ${error.code === 'ENOENT' ? 'file not found' : error.message}`);
    }
    if (onChunk)
        source.on('data', (chunk) => onChunk(chunk));
    // Start lines are counted here from each record's raw text (which includes the empty lines
    // skipped before it): csv-parse's own count runs ahead after a CRLF inside quotes. on_record
    // runs synchronously as records are parsed, so when a later record fails, `position` already
    // points past every record before it, even those still buffered in the stream.
    const position = { nextLine: 1, emptyLines: 0, headerFields: undefined };
    const parser = (0,csv_parse__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)({
        bom: true,
        raw: true,
        skip_empty_lines: true,
        relax_column_count: false,
        max_record_size: maxRecordChars,
        on_record: numberRecords(position),
    });
    // pipeline, not pipe: the check's error (bytes that are not UTF-8) must reach the parser's reader.
    (0,node_stream__WEBPACK_IMPORTED_MODULE_2__.pipeline)(source, utf8Check(file, what), parser, () => undefined);
    let header;
    try {
        for await (const item of parser) {
            if (!header) {
                header = checkHeader(item.fields, file, item.line);
                continue;
            }
            const value = {};
            header.forEach((name, i) => (value[name] = item.fields[i] ?? ''));
            yield { line: item.line, value };
        }
    }
    catch (error) {
        if (!(error instanceof csv_parse__WEBPACK_IMPORTED_MODULE_1__/* .CsvError */ .J$))
            throw error;
        // Empty lines skipped since the last record come before the one that failed.
        const skipped = typeof error.empty_lines === 'number' ? Math.max(0, error.empty_lines - position.emptyLines) : 0;
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${file}:${position.nextLine + skipped}: ${what} is not valid CSV: ${explain(error, position.headerFields)}`);
    }
    finally {
        parser.destroy();
        source.destroy();
    }
    if (!header)
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${what} ${file} is empty; a CSV dataset needs a header row and one row per example`);
}
/** Passes the bytes on unchanged once they decode as UTF-8 (csv-parse would put U+FFFD in their place). */
function utf8Check(file, what) {
    const decoder = new _contract_utf8__WEBPACK_IMPORTED_MODULE_3__/* .Utf8Chunks */ .Q(file, what);
    return new node_stream__WEBPACK_IMPORTED_MODULE_2__.Transform({
        transform(chunk, _encoding, done) {
            decoder.decode(chunk).then(() => done(null, chunk), done);
        },
        flush(done) {
            decoder.decode(Buffer.alloc(0), true).then(() => done(), done);
        },
    });
}
/** A record this long is a runaway quoted field, not an example. */
const maxRecordChars = 16 * 1024 * 1024;
/**
 * csv-parse's types model on_record as string[] \u2192 string[]; with raw: true it is really handed
 * {record, raw}, and whatever it returns is what the stream yields (a NumberedRecord here).
 */
function numberRecords(position) {
    const numbered = (parsed, context) => {
        const raw = context.raw ?? '';
        const leading = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? '';
        const line = position.nextLine + lineBreaks(leading);
        position.nextLine += lineBreaks(raw);
        position.emptyLines = context.empty_lines;
        position.headerFields ??= parsed.record.length;
        return { fields: parsed.record, line };
    };
    return numbered;
}
function checkHeader(names, file, line) {
    const seen = new Set();
    names.forEach((name, i) => {
        if (name.trim() === '')
            throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${file}:${line}: CSV header: column ${i + 1} has no name; every column needs one`);
        if (seen.has(name))
            throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${file}:${line}: CSV header names column "${name}" twice; column names must be unique`);
        seen.add(name);
    });
    return names;
}
function lineBreaks(text) {
    return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}
function explain(error, headerFields) {
    switch (error.code) {
        case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
        case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
            const got = Array.isArray(error.record) ? error.record.length : undefined;
            return `the row has ${got ?? 'a different number of'} fields but the header has ${headerFields ?? 'another number'}; quote a field that contains a comma`;
        }
        case 'CSV_INVALID_CLOSING_QUOTE':
            return 'a quoted field has text after its closing quote; inside a quoted field write a quote as ""';
        case 'INVALID_OPENING_QUOTE':
            return 'a quote appears inside an unquoted field; quote the whole field and double the quote, e.g. "a 5"" screen"';
        case 'CSV_QUOTE_NOT_CLOSED':
            return 'a quoted field is never closed (the file ends inside quotes)';
        case 'CSV_MAX_RECORD_SIZE':
            return `a record is longer than ${maxRecordChars} characters; most likely a quote is never closed`;
        default:
            return error.message.replace(/ (?:at|on) line \d+.*$/, '');
    }
}


/***/ })

} })
