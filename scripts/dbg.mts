import { offsetCommits, withAdmin, kafka, createTopic } from '/work/main/scripts/src/harness/kafka.ts';
const topic = await createTopic('dbg-' + Date.now());
for (let i = 0; i < 6; i++) {
  const g2 = 'dbg-g2-' + Math.random().toString(36).slice(2);
  const tp = kafka().producer({ transactionalId: 'dbg-tx-' + Date.now(), idempotent: true, maxInFlightRequests: 1 }); await tp.connect();
  const tx = await tp.transaction(); await tx.sendOffsets({ consumerGroupId: g2, topics: [{ topic, partitions: [{ partition: 0, offset: '2' }] }] }); await tx.commit();
  await tp.disconnect();
  for (;;) { const [o] = await withAdmin((a) => a.fetchOffsets({ groupId: g2, topics: [topic] })); if (o!.partitions[0]!.offset === '2') break; await new Promise((r) => setTimeout(r, 100)); }
  console.log(g2, JSON.stringify(await offsetCommits(g2)));
}
