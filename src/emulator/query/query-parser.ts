import { queryParserError, queryValidationError } from '../qbo-fault';

export type QueryLiteral = string | number | boolean;
export type QueryOperator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'NOT IN' | 'LIKE';

export interface QueryCondition {
  readonly field: string;
  readonly operator: QueryOperator;
  readonly values: readonly QueryLiteral[];
}

export interface ParsedQuery {
  readonly count: boolean;
  readonly entityName: string;
  readonly conditions: readonly QueryCondition[];
  readonly orderBy: readonly { readonly field: string; readonly descending: boolean }[];
  readonly startPosition: number;
  readonly maxResults: number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; value?: QueryLiteral };

const SYMBOLS = ['<=', '>=', '!=', '<>', '=', '<', '>', '(', ')', ',', '*'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === "'") {
      let value = '';
      at += 1;
      while (at < text.length && text[at] !== "'") {
        if (text[at] === '\\' && at + 1 < text.length) at += 1;
        value += text[at];
        at += 1;
      }
      if (at >= text.length) throw queryParserError(`Encountered unterminated string literal at position ${at}`);
      at += 1;
      tokens.push({ kind: 'string', text: value, value });
    } else if (/[-\d]/.test(char) && /^-?\d/.test(text.slice(at, at + 2))) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(at)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0], value: Number(match[0]) });
      at += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(at)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      at += match[0].length;
    } else {
      const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, at));
      if (!symbol) throw queryParserError(`Encountered " "${char}" at line 1, column ${at + 1}.`);
      tokens.push({ kind: 'symbol', text: symbol });
      at += symbol.length;
    }
  }
  return tokens;
}

/** Parses QBO's SQL-like query language: one entity, AND-only conditions, ORDERBY, paging. */
export function parseQuery(text: string): ParsedQuery {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (word: string): boolean => peek()?.kind === 'word' && peek()?.text.toUpperCase() === word;
  const next = (): Token => {
    const token = tokens[at++];
    if (!token) throw queryParserError('Encountered "<EOF>" where more was expected.');
    return token;
  };
  const expectWord = (word: string): void => {
    const token = next();
    if (token.kind !== 'word' || token.text.toUpperCase() !== word) throw queryParserError(`Encountered " "${token.text}" " where ${word} was expected.`);
  };
  const expectSymbol = (symbol: string): void => {
    const token = next();
    if (token.kind !== 'symbol' || token.text !== symbol) throw queryParserError(`Encountered " "${token.text}" " where "${symbol}" was expected.`);
  };
  // QBO's values are quoted strings or the words true/false: an unquoted number is a parse error (4000), as QBO answers
  // `where Id = 11` (its own samples always quote: TotalAmt > '300.00').
  const literal = (): QueryLiteral => {
    const token = next();
    if (token.kind === 'string') return token.value as QueryLiteral;
    if (token.kind === 'number') throw queryParserError(`Encountered " <INTEGER_LITERAL> "${token.text} "" where a quoted value was expected. Quote the value: '${token.text}'.`);
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
    throw queryParserError(`Encountered " "${token.text}" " where a value was expected.`);
  };
  const integer = (keyword: string): number => {
    const token = next();
    if (token.kind !== 'number' || !Number.isInteger(token.value)) throw queryParserError(`${keyword} needs a whole number`);
    return token.value as number;
  };

  expectWord('SELECT');
  let count = false;
  if (isWord('COUNT')) {
    next();
    expectSymbol('(');
    expectSymbol('*');
    expectSymbol(')');
    count = true;
  } else {
    const star = next();
    if (star.text.toUpperCase() === 'FROM') throw queryParserError('Encountered " "FROM" " where "*" was expected.');
    if (star.text !== '*') throw queryValidationError('Projections are not supported: select * or count(*)');
  }
  expectWord('FROM');
  const entity = next();
  if (entity.kind !== 'word') throw queryParserError(`Encountered " "${entity.text}" " where an entity was expected.`);

  const conditions: QueryCondition[] = [];
  if (isWord('WHERE')) {
    next();
    for (;;) {
      const field = next();
      if (field.kind !== 'word') throw queryParserError(`Encountered " "${field.text}" " where a property was expected.`);
      const operatorToken = next();
      let operatorText = operatorToken.text.toUpperCase();
      if (operatorText === 'NOT' && isWord('IN')) {
        next();
        operatorText = 'NOT IN';
      }
      if (operatorText === 'IN' || operatorText === 'NOT IN') {
        expectSymbol('(');
        const values = [literal()];
        while (peek()?.text === ',') {
          next();
          values.push(literal());
        }
        expectSymbol(')');
        conditions.push({ field: field.text, operator: operatorText as QueryOperator, values });
      } else if (['=', '<', '>', '<=', '>=', 'LIKE'].includes(operatorText)) {
        conditions.push({ field: field.text, operator: operatorText as QueryOperator, values: [literal()] });
      } else {
        throw queryValidationError(`operator ${operatorToken.text} is not supported`);
      }
      if (isWord('OR')) throw queryValidationError('OR is not supported in a query: split it into several queries');
      if (!isWord('AND')) break;
      next();
    }
  }
  const orderBy: { field: string; descending: boolean }[] = [];
  if (isWord('ORDERBY') || isWord('ORDER')) {
    if (next().text.toUpperCase() === 'ORDER') expectWord('BY');
    for (;;) {
      const field = next();
      let descending = false;
      if (isWord('DESC') || isWord('ASC')) descending = next().text.toUpperCase() === 'DESC';
      orderBy.push({ field: field.text, descending });
      if (peek()?.text !== ',') break;
      next();
    }
  }
  let startPosition = 1;
  let maxResults = 100;
  for (;;) {
    if (isWord('STARTPOSITION')) {
      next();
      startPosition = integer('STARTPOSITION');
    } else if (isWord('MAXRESULTS')) {
      next();
      maxResults = integer('MAXRESULTS');
    } else break;
  }
  const rest = peek();
  if (rest) {
    if (rest.text.toUpperCase() === 'OR') throw queryValidationError('OR is not supported in a query: split it into several queries');
    throw queryParserError(`Encountered " "${rest.text}" " at the end of the query.`);
  }
  if (maxResults > 1000) throw queryValidationError(`value ${maxResults} is too large. Max allowed value is 1000`);
  if (maxResults < 1) throw queryValidationError(`value ${maxResults} for MAXRESULTS must be at least 1`);
  if (startPosition < 1) throw queryValidationError(`value ${startPosition} for STARTPOSITION must be at least 1`);
  return { count, entityName: entity.text, conditions, orderBy, startPosition, maxResults };
}
