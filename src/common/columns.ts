import { applyDecorators } from '@nestjs/common';
import { Column, JoinColumn, ManyToOne, type ColumnOptions, type ObjectType, type RelationOptions } from 'typeorm';

// The column kinds the migrations use, declared once. Each decorator stands for exactly the @Column options it
// replaces, so the entities describe the same schema as before; the nullable variants are their own names so that
// an entity reads `@NullableUuidColumn() x: string | null` without repeating `nullable: true` in every file.

/** Options a column of a given kind may still add: a default, uniqueness, an array, or leaving it out of selects. */
type ColumnExtras = Pick<ColumnOptions, 'default' | 'unique' | 'array' | 'select'>;

const column = (type: ColumnOptions['type'], extras?: ColumnExtras) => Column({ type, ...extras });
const nullableColumn = (type: ColumnOptions['type']) => Column({ type, nullable: true });

export const UuidColumn = (extras?: ColumnExtras) => column('uuid', extras);
export const NullableUuidColumn = () => nullableColumn('uuid');

export const TextColumn = (extras?: ColumnExtras) => column('text', extras);
export const NullableTextColumn = () => nullableColumn('text');

/** A point in time, with its zone. */
export const TimestampColumn = (extras?: ColumnExtras) => column('timestamptz', extras);
export const NullableTimestampColumn = () => nullableColumn('timestamptz');

/** A calendar day, read back as 'YYYY-MM-DD'. */
export const DateColumn = () => column('date');
export const NullableDateColumn = () => nullableColumn('date');

export const IntegerColumn = (extras?: ColumnExtras) => column('integer', extras);
/** numeric: exact as written; read back as text. */
export const NumericColumn = () => column('numeric');
export const NullableNumericColumn = () => nullableColumn('numeric');
export const BooleanColumn = (defaultValue: boolean) => column('boolean', { default: defaultValue });
/** A yes/no not known yet. */
export const NullableBooleanColumn = () => nullableColumn('boolean');
/** bigint: read back as text, as JavaScript numbers cannot hold every value. */
export const BigintColumn = (extras?: ColumnExtras) => column('bigint', extras);

/** A text in every locale (LocalizedText), stored as one jsonb object. */
export const LocalizedTextColumn = () => column('jsonb');
/** A LocalizedText that may be left out: stored as an empty object then. */
export const OptionalLocalizedTextColumn = () => column('jsonb', { default: () => "'{}'::jsonb" });
/** A free-form jsonb object, empty unless given. */
export const JsonObjectColumn = () => column('jsonb', { default: () => "'{}'::jsonb" });

/** A list column (text[] or uuid[]), empty unless given. */
export const ListColumn = (type: 'text' | 'uuid') => column(type, { array: true, default: () => "'{}'" });

/**
 * The row another row points at through its `<name>_id` column (declared beside it with one of the uuid columns):
 * the many-to-one relation and its join column in one.
 */
export const References = <T>(target: () => ObjectType<T>, joinColumn: string, options?: RelationOptions) =>
  applyDecorators(ManyToOne(target, options), JoinColumn({ name: joinColumn }));

/** A reference that goes null when the row it points at is deleted (an author, a presenter, …). */
export const NullableReference = <T>(target: () => ObjectType<T>, joinColumn: string) =>
  References(target, joinColumn, { onDelete: 'SET NULL', nullable: true });
