import { kafkaCli } from '@kafka-labs/tool/kafka-cli';

/** kafkajs has no quota API: the workbook's kafka-configs, logged in as admin with config/client-admin.properties. */
function kafkaConfigs(args: string[]): Promise<string> {
  const brokers = process.env.KAFKA_SECURE_BOOTSTRAP_SERVERS ?? 'localhost:9192';
  return kafkaCli('configs', ['--bootstrap-server', brokers, '--command-config', 'config/client-admin.properties', ...args]);
}

/** 9.4: `user` may produce at most `bytesPerSecond` per broker; the brokers throttle beyond it. */
export async function setProducerQuota(user: string, bytesPerSecond: number): Promise<void> {
  // TODO 9.4: kafkaConfigs([...]) with the arguments of the workbook's kafka-configs.sh --alter --add-config …
}

/** 9.4: removes `user`'s producer quota. */
export async function removeProducerQuota(user: string): Promise<void> {
  // TODO 9.4: kafkaConfigs([...]) with --alter --delete-config …
}
