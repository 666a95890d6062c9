/**
 * A CSV reader for what spreadsheets and CRMs export (RFC 4180 and its common variants):
 * quoted fields with doubled quotes, delimiters and line breaks inside quotes, CRLF, LF or
 * CR line ends, a UTF-8 byte-order mark, a missing final line end. Each record remembers
 * the line it starts on, so errors can point at it.
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'CsvError';
  }
}

export interface CsvOptions {
  delimiter?: string;
}

export function parseCsv(input: string, options: CsvOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error('the delimiter must be one character other than a quote or a line break');
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let column = 1;
  let recordLine = 1;
  let i = 0;
  // Whether the current record has anything (so a blank line is no record).
  let started = false;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (started || fields.length > 1 || fields[0] !== '')
      records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };
  const newline = (): boolean => {
    const ch = text[i];
    if (ch === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1;
    } else if (ch === '\n') {
      i += 1;
    } else {
      return false;
    }
    line += 1;
    column = 1;
    return true;
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: runs to the next quote not followed by another quote.
      const openLine = line;
      const openColumn = column;
      started = true;
      i += 1;
      column += 1;
      for (;;) {
        if (i >= text.length)
          throw new CsvError('a quoted field is never closed', openLine, openColumn);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            column += 2;
            continue;
          }
          i += 1;
          column += 1;
          break;
        }
        if (c === '\r' || c === '\n') {
          field += c === '\r' && text[i + 1] === '\n' ? '\r\n' : c;
          newline();
          continue;
        }
        field += c;
        i += 1;
        column += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new CsvError(
          `unexpected "${next}" after a closing quote (write a quote inside a quoted field as "")`,
          line,
          column,
        );
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
      started = true;
      i += 1;
      column += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      newline();
      recordLine = line;
      continue;
    }
    // Anything else, including a quote inside an unquoted field (5" screen), is text.
    field += ch;
    started = true;
    i += 1;
    column += 1;
  }
  if (started || field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Writes one CSV record (quotes what needs quoting), for exports and tests. */
export function formatCsvRecord(values: readonly string[], delimiter = ','): string {
  return values
    .map((v) =>
      /[",\r\n]/.test(v) || v.includes(delimiter) || /^\s|\s$/.test(v)
        ? `"${v.replace(/"/g, '""')}"`
        : v,
    )
    .join(delimiter);
}
