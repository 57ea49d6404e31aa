import { Column, CreateDateColumn, Entity } from 'typeorm';
import { NullableTimestampColumn, NullableUuidColumn, TextColumn, UuidColumn } from '../../common/columns';
import { UuidKeyed } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import type { Constituency } from '../../shared/enums';

/** One of the three groups of a roundtable meeting on its own: its channel's refId, and its published statement. */
@Entity('roundtable_caucuses')
export class Caucus extends UuidKeyed {
  @UuidColumn()
  roundtableId: string;

  @TextColumn()
  constituency: Constituency;

  /** The group's agreed statement, once published into the plenary record. */
  @Column({ type: 'jsonb', nullable: true })
  statement: LocalizedText | null;

  @NullableTimestampColumn()
  publishedAt: Date | null;

  @NullableUuidColumn()
  publishedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
