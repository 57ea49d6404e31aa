import { Column, Entity } from 'typeorm';
import { Recorded } from '../../common/entity-bases';

export const CHANNEL_KINDS = ['lobby', 'roundtable', 'working_group', 'action_item'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A discussion stream attached to a roundtable, working group or action item, or the one platform lobby. */
@Entity('channels')
export class Channel extends Recorded {
  @Column({ type: 'text' })
  kind: ChannelKind;

  /** The roundtable, working group or action item; null for the lobby. */
  @Column({ type: 'uuid', nullable: true })
  refId: string | null;

  /** The seq of the newest message; bumped in the same transaction as each insert, so seqs have no gaps. */
  @Column({ type: 'bigint', default: 0 })
  lastSeq: string;
}
