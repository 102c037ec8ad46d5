/**
 * How a file writes its code, read from the file itself: the quotes its strings use decide the quotes of every
 * string the codemod writes there, and a string that holds the quote character stays the same string.
 */
import { describe, expect, it } from 'vitest';
import { agreedStyle, codeStyleOf, quoted } from '../core/code-style.js';
import { parseFile } from '../codemods/parse.js';

function styleOf(path: string, source: string): ReturnType<typeof codeStyleOf> {
  return codeStyleOf(source, parseFile(path, source).program);
}

describe('codeStyleOf: quotes', () => {
  it('takes the quote most of the string literals use', () => {
    expect(styleOf('a.ts', `import { createClient } from "redis";\nconst key = "visits";\nconst label = 'once';\n`).quote).toBe('"');
    expect(styleOf('a.ts', `import { createClient } from 'redis';\nconst key = "visits";\nconst label = 'once';\n`).quote).toBe("'");
  });

  it('does not count directives, JSX attributes or template literals', () => {
    expect(styleOf('route.ts', `"use client";\n"use strict";\nimport { Redis } from 'ioredis';\n`).quote).toBe("'");
    expect(styleOf('badge.tsx', `import { Redis } from 'ioredis';\nexport const Badge = () => <span className="badge" title="hits" role="status">{\`"\${0}"\`}</span>;\n`).quote).toBe("'");
  });

  it('keeps single quotes in a file with no string literal', () => {
    expect(styleOf('a.js', 'const total = 1 + 2;\n').quote).toBe("'");
  });
});

describe('quoted', () => {
  it('writes a string in the quote asked for, escaping that quote and backslashes', () => {
    expect(quoted('error', { quote: '"' })).toBe('"error"');
    expect(quoted('say "hi"', { quote: '"' })).toBe('"say \\"hi\\""');
    expect(quoted("it's", { quote: "'" })).toBe("'it\\'s'");
    expect(quoted('C:\\redis', { quote: "'" })).toBe("'C:\\\\redis'");
  });

  it('gives back the same string when the result is parsed as JavaScript', () => {
    for (const value of ['say "hi"', "it's", 'a\\b', 'line\nbreak', 'tab\there']) {
      for (const quote of ["'", '"'] as const) {
        const [statement] = parseFile('value.js', `${quoted(value, { quote })};\n`).program.body;
        expect(statement.type === 'ExpressionStatement' && statement.expression.type === 'Literal' ? statement.expression.value : undefined).toBe(value);
      }
    }
  });
});

describe('agreedStyle', () => {
  const fourSpacesBare = { unit: '    ', semicolons: false, quote: '"' } as const;
  const twoSpaces = { unit: '  ', semicolons: true, quote: "'" } as const;
  const tabs = { unit: '\t', semicolons: false, quote: '"' } as const;

  it('takes, aspect by aspect, what more files write than any other way', () => {
    expect(agreedStyle([fourSpacesBare, fourSpacesBare, twoSpaces])).toEqual(fourSpacesBare);
    expect(agreedStyle([fourSpacesBare, tabs, twoSpaces])).toEqual({ unit: '  ', semicolons: false, quote: '"' });
  });

  it('keeps the default where the files are evenly split, and when there are none', () => {
    expect(agreedStyle([fourSpacesBare, twoSpaces])).toEqual(twoSpaces);
    expect(agreedStyle([])).toEqual(twoSpaces);
  });
});
