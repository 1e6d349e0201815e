import type { Knex } from 'knex';
import type { HostSchemaCheck, HostSchemaProblem } from '../../../application/ports/host-schema-check.port';
import { isMysql } from '../knex-dialect';
import { valueText } from './host-row.mapper';
import type { HostEntity, HostSchema, MappedColumn, MappedTable } from './host-schema';

interface ColumnInfo {
  readonly name: string;
  /** Lower case: `int`, `bigint`, `decimal`, `varchar`… */
  readonly type: string;
  /** As the database shows it: `decimal(12,2)`. */
  readonly full: string;
  /** Digits after the point for DECIMAL/NUMERIC; 0 otherwise. */
  readonly scale: number;
}

const integerTypes = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);
const decimalTypes = new Set(['decimal', 'numeric', 'dec', 'fixed']);
const floatTypes = new Set(['float', 'double', 'real', 'double precision']);
/** How many distinct unmapped values one column reports before it says "and more". */
const valuesShown = 20;

const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const kept = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = kept;
    }
  }
  return row[b.length]!;
};

const suggestion = (name: string, names: readonly string[]): string => {
  const close = names.filter((other) => distance(other.toLowerCase(), name.toLowerCase()) <= Math.max(2, Math.floor(name.length / 4)));
  return close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
};

const parseType = (name: string, declared: string): ColumnInfo => {
  const full = declared.trim().toLowerCase();
  const match = /^([a-z ]+?)\s*(?:\((\d+)\s*(?:,\s*(\d+))?\))?(?:\s+unsigned)?(?:\s+zerofill)?$/.exec(full);
  const type = (match?.[1] ?? full).trim();
  return { name, type, full, scale: Number(match?.[3] ?? 0) };
};

/** The mapping checked against the live database, one problem per thing to fix. */
export class KnexHostSchemaCheck implements HostSchemaCheck {
  constructor(
    private readonly knex: Knex,
    private readonly schema: HostSchema,
  ) {}

  async problems(tenantId?: string): Promise<readonly HostSchemaProblem[]> {
    const problems: HostSchemaProblem[] = [];
    const present = new Set<string>();
    for (const entity of Object.keys(this.schema) as HostEntity[]) {
      const mapped = this.schema[entity] as MappedTable;
      const columns = await this.columnsOf(mapped.table);
      if (columns === null) {
        problems.push({ table: mapped.table, column: null, message: `Table ${mapped.table} does not exist in the database: map ${entity} to the app's table with hostSchema.${entity}.table.` });
        continue;
      }
      present.add(mapped.table);
      const byName = new Map(columns.map((column) => [column.name.toLowerCase(), column]));
      const missing = new Set<string>();
      const fields = Object.entries(mapped.fields) as [string, MappedColumn][];
      for (const [field, spec] of fields) {
        if (spec.column === null) continue;
        const info = byName.get(spec.column.toLowerCase());
        if (!info) {
          missing.add(spec.column);
          problems.push({
            table: mapped.table,
            column: spec.column,
            message: `Column ${mapped.table}.${spec.column} (the ${field} of ${entity}) does not exist${suggestion(spec.column, columns.map((c) => c.name))}: set hostSchema.${entity}.columns.${field} to the app's column${spec.optional ? ', or to null if the app has none' : ''}.`,
          });
          continue;
        }
        if (spec.role === 'money') {
          const problem = this.moneyProblem(mapped, field, spec, info);
          if (problem) problems.push(problem);
        }
      }
      for (const { column } of mapped.filter) {
        if (!byName.has(column.toLowerCase())) {
          missing.add(column);
          problems.push({ table: mapped.table, column, message: `Column ${mapped.table}.${column} (in hostSchema.${entity}.filter) does not exist${suggestion(column, columns.map((c) => c.name))}: name the column that tells the kinds apart.` });
        }
      }
      if (missing.size > 0) continue;
      for (const [field, spec] of fields) {
        if (spec.column !== null && (spec.role === 'flag' || spec.role === 'enum')) problems.push(...(await this.valueProblems(mapped, field, spec, tenantId)));
      }
    }
    problems.push(...(await this.unclaimedKindProblems(present, problems, tenantId)));
    return problems;
  }

  /**
   * A column that tells several kinds apart in one table (a ledger's `entry_type` filtered by payments and by
   * refunds) is an enum too: a value no kind's filter takes is a row nothing reads, so it is named, never skipped.
   * A filter only one kind puts on a table is a choice of rows (e.g. `is_test: false`), not a discriminator.
   */
  private async unclaimedKindProblems(present: ReadonlySet<string>, found: readonly HostSchemaProblem[], tenantId: string | undefined): Promise<HostSchemaProblem[]> {
    const claims = new Map<string, { table: string; column: string; tenantColumn: string | null; byEntity: Map<HostEntity, readonly (string | number | boolean)[]> }>();
    for (const entity of Object.keys(this.schema) as HostEntity[]) {
      const mapped = this.schema[entity] as MappedTable;
      if (!present.has(mapped.table)) continue;
      for (const { column, values } of mapped.filter) {
        // A filter column that does not exist is already named.
        if (found.some((problem) => problem.table === mapped.table && problem.column?.toLowerCase() === column.toLowerCase())) continue;
        const key = `${mapped.table}\0${column.toLowerCase()}`;
        const claim = claims.get(key) ?? { table: mapped.table, column, tenantColumn: (mapped.columns as Record<string, string | null>)['companyId'] ?? null, byEntity: new Map() };
        claim.byEntity.set(entity, values);
        claims.set(key, claim);
      }
    }
    const problems: HostSchemaProblem[] = [];
    for (const { table, column, tenantColumn, byEntity } of claims.values()) {
      if (byEntity.size < 2) continue;
      const claimed = new Set([...byEntity.values()].flat().map((value) => valueText(value)));
      const query = this.knex(table).select(this.knex.raw('?? as value', [column])).count({ rows: '*' }).groupBy(column);
      if (tenantId !== undefined && tenantColumn) query.where(tenantColumn, tenantId);
      const rows = (await query) as { value: unknown; rows: number | string }[];
      const takers = [...byEntity].map(([entity, values]) => `${entity} take ${values.map((value) => JSON.stringify(value)).join(', ')}`).join('; ');
      const filters = [...byEntity.keys()].map((entity) => `hostSchema.${entity}.filter.${column}`).join(' or ');
      for (const { value, rows: count } of rows.filter(({ value }) => value === null || !claimed.has(valueText(value))).slice(0, valuesShown)) {
        const n = Number(count);
        problems.push({
          table,
          column,
          message: `Column ${table}.${column} holds ${value === null ? 'nothing (NULL)' : JSON.stringify(valueText(value))} in ${n} row${n === 1 ? '' : 's'}, which no record kind reads (${takers}): add it to the filter of the kind those rows are (${filters}).`,
        });
      }
    }
    return problems;
  }

  private moneyProblem(mapped: MappedTable, field: string, spec: MappedColumn, info: ColumnInfo): HostSchemaProblem | null {
    const where = `${mapped.table}.${spec.column}`;
    const fix = `hostSchema.${mapped.entity}.columns.${field}`;
    const problem = (message: string): HostSchemaProblem => ({ table: mapped.table, column: spec.column, message });
    if (floatTypes.has(info.type)) return problem(`Column ${where} is ${info.full.toUpperCase()}, which cannot hold money exactly: store it as whole cents (an integer) or DECIMAL dollars.`);
    const isInteger = integerTypes.has(info.type) || (decimalTypes.has(info.type) && info.scale === 0);
    if (spec.unit === 'cents' && !isInteger) {
      if (decimalTypes.has(info.type)) return problem(`Column ${where} is ${info.full.toUpperCase()} but is mapped as whole cents: if it holds dollars, set ${fix} to { column: "${spec.column}", unit: "dollars" }.`);
      return problem(`Column ${where} is ${info.full.toUpperCase()}, not a number of cents: map ${fix} to a column of whole cents (an integer) or DECIMAL dollars.`);
    }
    if (spec.unit === 'dollars' && !isInteger && !decimalTypes.has(info.type)) {
      return problem(`Column ${where} is ${info.full.toUpperCase()}, not DECIMAL dollars: map ${fix} to a DECIMAL column (or an integer column of cents without unit "dollars").`);
    }
    // DECIMAL with more than two places is allowed: values are read exactly, a row with digits past the cents is refused.
    return null;
  }

  private async valueProblems(mapped: MappedTable, field: string, spec: MappedColumn, tenantId: string | undefined): Promise<HostSchemaProblem[]> {
    const column = spec.column!;
    const query = this.knex(mapped.table).select(this.knex.raw('?? as value', [column])).count({ rows: '*' }).groupBy(column);
    const tenantColumn = (mapped.columns as Record<string, string | null>)['companyId'];
    if (tenantId !== undefined && tenantColumn) query.where(tenantColumn, tenantId);
    for (const filter of mapped.filter) query.whereIn(filter.column, filter.values as Knex.Value[]);
    const found = (await query) as { value: unknown; rows: number | string }[];
    const unmapped = found.filter(({ value }) => (value === null ? !(spec.role === 'flag' || spec.optional) : !spec.values?.has(valueText(value))));
    if (unmapped.length === 0) return [];
    const fix = `hostSchema.${mapped.entity}.columns.${field}`;
    const what = spec.role === 'flag' ? 'neither true nor false in the mapping' : 'not in the mapping';
    return unmapped.slice(0, valuesShown).map(({ value, rows }) => ({
      table: mapped.table,
      column,
      message:
        value === null
          ? `Column ${mapped.table}.${column} is empty in ${Number(rows)} row${Number(rows) === 1 ? '' : 's'}, and the ${field} of ${mapped.entity} cannot be: fill it in the app, or map the field to another column.`
          : `Column ${mapped.table}.${column} holds ${JSON.stringify(valueText(value))} in ${Number(rows)} row${Number(rows) === 1 ? '' : 's'}, ${what}: add it to ${fix}.values${spec.role === 'enum' && mapped.entity === 'catalogItems' ? ' (null: not synced)' : ''}.`,
    }));
  }

  /** The table's columns, or null when it does not exist. */
  private async columnsOf(table: string): Promise<ColumnInfo[] | null> {
    if (isMysql(this.knex)) {
      const [schemaName, tableName] = table.includes('.') ? table.split('.', 2) : [null, table];
      const rows = (await this.knex('information_schema.COLUMNS')
        .select({ name: 'COLUMN_NAME', type: 'COLUMN_TYPE' })
        .where('TABLE_NAME', tableName!)
        .andWhere('TABLE_SCHEMA', schemaName ?? this.knex.raw('DATABASE()'))) as { name: string; type: string }[];
      return rows.length === 0 ? null : rows.map((row) => parseType(row.name, row.type));
    }
    const rows = (await this.knex.raw('PRAGMA table_info(??)', [table])) as { name: string; type: string }[];
    return rows.length === 0 ? null : rows.map((row) => parseType(row.name, row.type || 'blob'));
  }
}
