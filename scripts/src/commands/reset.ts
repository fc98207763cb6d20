import { Kafka, logLevel, type Admin } from 'kafkajs';
import pc from 'picocolors';
import { loadLab } from '../course/load-lab.js';
import { applySchema, runSql } from '../course/schema.js';
import { allSubjects, deleteSubjects } from '../harness/registry.js';
import { selectBackend } from '../services/select.js';
import { startServices } from '../services/start.js';
import { connectorNames, deleteConnectors, deleteIndices, indexNames, withElasticsearch } from '../harness/connect.js';

/** `pnpm lab N reset`: deletes the lab's topics, consumer groups and subjects (never the trainee's code). */
export async function resetLab(number: string, options: { backend?: string }): Promise<number> {
  const lab = await loadLab(number);
  const { endpoints, env } = await startServices(lab.services, options.backend);
  await applySchema(lab, env);
  await runSql(lab, env, lab.reset.sql);
  if (lab.services.includes('secure')) {
    await (await selectBackend(options.backend)).stopSecureCluster({ wipe: true });
    console.log(`${pc.green('✔')} lab ${lab.number} reset: the secured cluster is stopped and its data (topics, ACLs, quotas) deleted; it starts afresh from config/ at the next run. Your code and config are untouched.`);
  }
  if (!endpoints.kafka) return 0;
  const prefix = `lab${String(lab.number).padStart(2, '0')}-`;
  const ours = (name: string, named: string[]) => name.startsWith(prefix) || named.includes(name);
  // Connectors first: their tasks are members of the groups deleted below, and write into the indices.
  const connectors = endpoints.connect ? (await connectorNames(endpoints.connect.url)).filter((c) => ours(c, lab.reset.connectors)) : [];
  if (endpoints.connect) await deleteConnectors(connectors, endpoints.connect.url);
  const indices = endpoints.elasticsearch
    ? await withElasticsearch(endpoints.elasticsearch.url, async (client) => {
      const found = (await indexNames(client)).filter((i) => ours(i, lab.reset.indices));
      await deleteIndices(found, client);
      return found;
    })
    : [];
  const admin = new Kafka({ clientId: 'kafka-labs-reset', brokers: endpoints.kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const found = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => ours(g, lab.reset.groups));
    const busy = await deleteGroups(admin, found);
    const groups = found.filter((g) => !busy.includes(g));
    const topics = (await admin.listTopics()).filter((t) => ours(t, lab.reset.topics));
    if (topics.length) await admin.deleteTopics({ topics });
    const subjects = endpoints.registry ? (await allSubjects(endpoints.registry.url)).filter((s) => ours(s, lab.reset.subjects)) : [];
    if (endpoints.registry) await deleteSubjects(subjects, endpoints.registry.url);
    const tables = lab.reset.sql.length ? ', its tables emptied' : '';
    const deleted = [
      ...(endpoints.connect ? [`${connectors.length} connector(s)`] : []),
      ...(endpoints.elasticsearch ? [`${indices.length} index(es)`] : []),
      `${topics.length} topic(s)`,
      `${groups.length} consumer group(s)`,
      ...(endpoints.registry ? [`${subjects.length} subject(s)`] : []),
    ];
    console.log(`${pc.green('✔')} lab ${lab.number} reset: ${deleted.join(', ')} deleted${tables}; your code is untouched.`);
    if (busy.length) console.log(pc.yellow(`  kept ${busy.join(', ')}: still has members (a program that runs, or was killed less than its session timeout ago); stop it, then reset again`));
  } finally {
    await admin.disconnect();
  }
  return 0;
}

/** Deletes the groups it can; returns those Kafka refused because they still have members (NON_EMPTY_GROUP). */
async function deleteGroups(admin: Admin, groups: string[]): Promise<string[]> {
  if (groups.length === 0) return [];
  try {
    await admin.deleteGroups(groups);
    return [];
  } catch (error) {
    const refused = (error as { groups?: { groupId: string; error?: { type?: string } }[] }).groups;
    if (!refused || refused.some((g) => g.error?.type !== 'NON_EMPTY_GROUP')) throw error;
    return refused.map((g) => g.groupId);
  }
}
