import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, formatCsvRecord, parseCsv } from '../../server/import/csv';
import { jsonElementLines } from '../../server/import/deals-import';

describe('parseCsv', () => {
  it('reads plain records with their line numbers', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'name,note\r\n"Smith, Jane","She said ""hi""\r\nthen left"\r\nplain,"x"\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Smith, Jane', 'She said "hi"\r\nthen left'] },
      { line: 4, fields: ['plain', 'x'] },
    ]);
  });

  it('strips a byte-order mark, accepts CRLF, LF and CR, and a missing final line end', () => {
    expect(parseCsv('\uFEFFa,b\r1,2\n3,4\r\n5,6')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
      { line: 4, fields: ['5', '6'] },
    ]);
  });

  it('keeps empty fields and skips blank lines', () => {
    expect(parseCsv('a,,c\n\n,,\n"",x\n')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 3, fields: ['', '', ''] },
      { line: 4, fields: ['', 'x'] },
    ]);
  });

  it('takes a quote inside an unquoted field as text', () => {
    expect(parseCsv('27" monitor,ok')).toEqual([{ line: 1, fields: ['27" monitor', 'ok'] }]);
  });

  it('reports an unclosed quote where it opened, and text after a closing quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
      expect((e as CsvError).column).toBe(3);
    }
    expect(() => parseCsv('"a"b,c')).toThrow(/after a closing quote/);
  });

  it('supports another delimiter', () => {
    expect(parseCsv('a;b\n"1;2";3', { delimiter: ';' })).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1;2', '3'] },
    ]);
  });

  it('round-trips any records (property)', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', '\r\n', 'é', '😀', ';'),
    });
    const records = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(records, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = rows.map((r) => formatCsvRecord(r)).join(eol) + eol;
        expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but CsvError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ') }), (text) => {
        try {
          parseCsv(text);
        } catch (e) {
          expect(e).toBeInstanceOf(CsvError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('jsonElementLines', () => {
  it('finds where each deal starts, in a root array or under "deals"', () => {
    expect(jsonElementLines('[\n {"a": 1},\n {"b": [1, 2]},\n 3\n]')).toEqual([2, 3, 4]);
    expect(
      jsonElementLines('{\n "meta": [9, 9],\n "deals": [\n  {"x": "]"},\n  {"y": "\\"{"}\n ]\n}'),
    ).toEqual([4, 5]);
  });
});
