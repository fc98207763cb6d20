package dev.kafkalabs.kafka;

import java.util.Arrays;

/**
 * A KRaft node of the course's local cluster, in one JVM: Kafka's own `kafka-storage format` (StorageTool,
 * `--ignore-formatted`: a no-op once the storage is formatted), then Kafka's own broker main (`kafka.Kafka`).
 * One JVM start per node instead of two: on a laptop, JVM start-up is most of a cluster's cold start.
 *
 * Arguments: the node's server.properties, then the arguments of `kafka-storage format`.
 */
public final class FormatThenStart {
  public static void main(String[] args) throws Exception {
    String properties = args[0];
    String[] format = Arrays.copyOfRange(args, 1, args.length);
    int exitCode;
    try {
      exitCode = kafka.tools.StorageTool$.MODULE$.execute(format, System.out);
    } catch (Exception e) {
      System.out.println("ERROR formatting the storage failed: " + e.getMessage());
      exitCode = 1;
    }
    if (exitCode != 0) System.exit(exitCode);
    kafka.Kafka.main(new String[] { properties });
  }
}
