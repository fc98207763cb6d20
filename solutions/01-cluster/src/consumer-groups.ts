import { AssignerProtocol, type Admin } from 'kafkajs';
import { labKafka } from './client.js';

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** The partitions the group leader gave this member, per topic. */
  assignment: { topic: string; partitions: number[] }[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed offset: the next record it will read. */
  committedOffset: number;
  /** The partition's end offset (high watermark). */
  endOffset: number;
  /** Records not read yet by the group: endOffset - committedOffset. */
  lag: number;
}

export interface GroupDescription {
  groupId: string;
  state: string;
  members: GroupMember[];
  lag: PartitionLag[];
}

/** `kafka-consumer-groups.sh --describe --group <groupId> --members --verbose`, and the lag per partition. */
export async function describeGroup(admin: Admin, groupId: string): Promise<GroupDescription> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0]!;
  const members = group.members.map((m) => {
    // The assignment travels as bytes in the consumer protocol: decode it.
    const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    return {
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost,
      assignment: Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) })),
    };
  });
  const lag: PartitionLag[] = [];
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
    for (const { partition, offset } of partitions) {
      const endOffset = ends.get(partition) ?? 0;
      // -1: nothing committed yet for this partition; the whole partition is lag.
      const committedOffset = Number(offset) < 0 ? 0 : Number(offset);
      lag.push({ topic, partition, committedOffset, endOffset, lag: endOffset - committedOffset });
    }
  }
  return { groupId, state: group.state, members, lag: lag.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition) };
}

/** `pnpm lab 1 run consumer-groups -- [groupId]`: lists the groups, then describes one. */
export async function main(args: string[]): Promise<void> {
  const admin = labKafka('lab1-consumer-groups').admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    console.log(`groups: ${groups.join(', ') || '(none)'}`);
    const groupId = args[0] ?? groups[0];
    if (!groupId) return;
    const group = await describeGroup(admin, groupId);
    console.log(`group ${group.groupId}: ${group.state}, ${group.members.length} member(s)`);
    for (const m of group.members) {
      console.log(`  ${m.clientId} ${m.host}: ${m.assignment.map((a) => `${a.topic} [${a.partitions.join(',')}]`).join(' ')}`);
    }
    for (const l of group.lag) console.log(`  ${l.topic}-${l.partition}  committed ${l.committedOffset}  end ${l.endOffset}  lag ${l.lag}`);
  } finally {
    await admin.disconnect();
  }
}
