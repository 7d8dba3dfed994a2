import { getDMMF, type GetDMMFError } from '@prisma/get-dmmf';
import { byName, type ColumnShape, type ReferentialAction, type TableShape } from './table-shape.ts';

type Document = Exclude<ReturnType<typeof getDMMF>, GetDMMFError>;
type Datamodel = Document['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];
type Index = Datamodel['indexes'][number];

/** Column types as PostgreSQL's format_type() prints them, for each `@db.*` native type. */
const nativeTypes: Readonly<Record<string, (args: readonly string[]) => string>> = {
  Uuid: () => 'uuid',
  Text: () => 'text',
  VarChar: ([length]) => (length ? `character varying(${length})` : 'character varying'),
  Char: ([length]) => `character(${length ?? 1})`,
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  Boolean: () => 'boolean',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: ([precision, scale]) => (precision ? `numeric(${precision},${scale ?? 0})` : 'numeric'),
  Timestamptz: ([precision]) => (precision ? `timestamp(${precision}) with time zone` : 'timestamp with time zone'),
  Timestamp: ([precision]) => (precision ? `timestamp(${precision}) without time zone` : 'timestamp without time zone'),
  Date: () => 'date',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  ByteA: () => 'bytea',
};

/** What Prisma Migrate creates for a scalar type without `@db.*`. */
const scalarTypes: Readonly<Record<string, string>> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/**
 * The tables a Prisma schema describes, as Prisma Migrate would create them (its default constraint
 * names included). Parsed by Prisma's own WebAssembly parser, so no engine download is needed.
 * Anything the mapping does not know yet (enums, lists, other native types) throws: extend it then.
 */
export function prismaSchemaShape(schema: string): TableShape[] {
  const result = getDMMF({ datamodel: schema });
  if ('error' in result) throw new Error(`The Prisma schema does not parse: ${result.reason}`, { cause: result.error });
  const { models, indexes } = result.datamodel;
  if (result.datamodel.enums.length > 0) throw new Error('The drift check does not compare enums yet.');
  return byName(models.map((model) => tableShape(model, models, indexes.filter((index) => index.model === model.name))));
}

function tableShape(model: Model, models: readonly Model[], indexes: readonly Index[]): TableShape {
  const table = tableName(model);
  const scalars = model.fields.filter((field) => field.kind !== 'object');
  const indexShape = (index: Index, suffix: string) => {
    const columns = index.fields.map((f) => columnName(model, f.name) + (f.sortOrder === 'desc' ? ' DESC' : ''));
    const name = index.dbName ?? defaultName(table, index.fields.map((f) => columnName(model, f.name)), suffix);
    return { name, columns, method: (index.algorithm ?? 'btree').toLowerCase(), predicate: null };
  };
  const primary = indexes.find((index) => index.type === 'id');
  return {
    name: table,
    columns: Object.fromEntries(scalars.map((field) => [field.dbName ?? field.name, columnShape(model, field)])),
    primaryKey: primary ? (({ name, columns }) => ({ name, columns }))(indexShape(primary, 'pkey')) : null,
    uniques: byName(indexes.filter((index) => index.type === 'unique').map((index) => indexShape(index, 'key'))),
    indexes: byName(indexes.filter((index) => index.type === 'normal').map((index) => indexShape(index, 'idx'))),
    foreignKeys: byName(
      model.fields
        .filter((field) => field.kind === 'object' && (field.relationFromFields?.length ?? 0) > 0)
        .map((field) => foreignKeyShape(model, field, models)),
    ),
  };
}

function columnShape(model: Model, field: Field): ColumnShape {
  if (field.kind === 'enum' || field.kind === 'unsupported' || field.isList) {
    throw new Error(`${model.name}.${field.name}: the drift check does not handle ${field.kind} or list fields yet.`);
  }
  return { type: columnType(model, field), nullable: !field.isRequired, default: columnDefault(model, field), generatedBySequence: false };
}

function columnType(model: Model, field: Field): string {
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const render = nativeTypes[name];
    if (!render) throw new Error(`${model.name}.${field.name}: native type @db.${name} is not mapped in the drift check.`);
    return render(args);
  }
  const type = scalarTypes[field.type];
  if (!type) throw new Error(`${model.name}.${field.name}: type ${field.type} is not mapped in the drift check.`);
  return type;
}

function columnDefault(model: Model, field: Field): string | null {
  const value = field.default;
  if (value === undefined) return null;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!('name' in value)) throw new Error(`${model.name}.${field.name}: list defaults are not mapped in the drift check.`);
  switch (value.name) {
    case 'now':
      return 'CURRENT_TIMESTAMP';
    case 'dbgenerated':
      return String(value.args[0] ?? '');
    case 'uuid':
    case 'cuid':
    case 'nanoid':
    case 'ulid':
      return null; // made by the client, not the database
    default:
      throw new Error(`${model.name}.${field.name}: @default(${value.name}()) is not allowed or not mapped (no sequences).`);
  }
}

function foreignKeyShape(model: Model, field: Field, models: readonly Model[]) {
  const target = models.find((candidate) => candidate.name === field.type);
  if (!target) throw new Error(`${model.name}.${field.name}: relation to unknown model ${field.type}.`);
  const table = tableName(model);
  const columns = (field.relationFromFields ?? []).map((name) => columnName(model, name));
  const optional = (field.relationFromFields ?? []).some((name) => !model.fields.find((f) => f.name === name)?.isRequired);
  return {
    // The DMMF does not carry a relation's `map:`; Prisma's default name is assumed.
    name: defaultName(table, columns, 'fkey'),
    columns,
    referencedTable: tableName(target),
    referencedColumns: (field.relationToFields ?? []).map((name) => columnName(target, name)),
    // Prisma's defaults: Restrict (SetNull for an optional relation) on delete, Cascade on update.
    onDelete: (field.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict')) as ReferentialAction,
    onUpdate: (field.relationOnUpdate ?? 'Cascade') as ReferentialAction,
  };
}

function tableName(model: Model): string {
  return model.dbName ?? model.name;
}

function columnName(model: Model, fieldName: string): string {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  if (!field) throw new Error(`${model.name}: no field ${fieldName}.`);
  return field.dbName ?? field.name;
}

/**
 * Prisma's default constraint names: `carts_pkey`, `cart_lines_cart_id_position_key`, `..._idx`,
 * `..._fkey`. (Prisma shortens names past 63 characters; none is that long here.)
 */
function defaultName(table: string, columns: readonly string[], suffix: string): string {
  return suffix === 'pkey' ? `${table}_pkey` : [table, ...columns, suffix].join('_');
}
