import { Entity } from 'typeorm';
import { NullableUuidColumn, TextColumn, BigintColumn } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import { CHANNEL_KINDS, type ChannelKind } from '../../shared/enums';

export { CHANNEL_KINDS, type ChannelKind };

/** A discussion stream attached to a roundtable, working group or action item, or the one platform lobby. */
@Entity('channels')
export class Channel extends Recorded {
  @TextColumn()
  kind: ChannelKind;

  /** The roundtable, working group or action item; null for the lobby. */
  @NullableUuidColumn()
  refId: string | null;

  /** The seq of the newest message; bumped in the same transaction as each insert, so seqs have no gaps. */
  @BigintColumn({ default: 0 })
  lastSeq: string;
}
