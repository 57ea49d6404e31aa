import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// The key and time columns most tables share. Each entity still maps its own table (no table inheritance): these
// classes only declare, once, columns that the migrations create alike in every table that has them.

/** A row keyed by a generated uuid. */
export abstract class UuidKeyed {
  @PrimaryGeneratedColumn('uuid')
  id: string;
}

/** A uuid-keyed row that records when it was written. */
export abstract class Recorded extends UuidKeyed {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A record that can change afterwards, so it also keeps when it last did. */
export abstract class Timestamped extends Recorded {
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A changeable record created by a person (null once that account is gone, or for generated data). */
export abstract class Authored extends Timestamped {
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;
}

/** A row of an append-only log, numbered in the order it was written. */
export abstract class Numbered {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;
}

/** A numbered log row that records when it was written. */
export abstract class NumberedRecord extends Numbered {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
