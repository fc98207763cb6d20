import { Kafka, logLevel } from 'kafkajs';
import pc from 'picocolors';
import { loadLab } from '../course/load-lab.js';
import { applySchema, runSql } from '../course/schema.js';
import { allSubjects, deleteSubjects } from '../harness/registry.js';
import { startServices } from '../services/start.js';

/** `pnpm lab N reset`: deletes the lab's topics, consumer groups and subjects (never the trainee's code). */
export async function resetLab(number: string, options: { backend?: string }): Promise<number> {
  const lab = await loadLab(number);
  const { endpoints, env } = await startServices(lab.services, options.backend);
  await applySchema(lab, env);
  await runSql(lab, env, lab.reset.sql);
  if (!endpoints.kafka) return 0;
  const prefix = `lab${String(lab.number).padStart(2, '0')}-`;
  const ours = (name: string, named: string[]) => name.startsWith(prefix) || named.includes(name);
  const admin = new Kafka({ clientId: 'kafka-labs-reset', brokers: endpoints.kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => ours(g, lab.reset.groups));
    if (groups.length) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter((t) => ours(t, lab.reset.topics));
    if (topics.length) await admin.deleteTopics({ topics });
    const subjects = endpoints.registry ? (await allSubjects(endpoints.registry.url)).filter((s) => ours(s, lab.reset.subjects)) : [];
    if (endpoints.registry) await deleteSubjects(subjects, endpoints.registry.url);
    const tables = lab.reset.sql.length ? ', its tables emptied' : '';
    const deleted = [`${topics.length} topic(s)`, `${groups.length} consumer group(s)`, ...(endpoints.registry ? [`${subjects.length} subject(s)`] : [])];
    console.log(`${pc.green('✔')} lab ${lab.number} reset: ${deleted.join(', ')} deleted${tables}; your code is untouched.`);
  } finally {
    await admin.disconnect();
  }
  return 0;
}
