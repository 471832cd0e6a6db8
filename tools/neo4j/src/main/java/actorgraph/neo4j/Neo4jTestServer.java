package actorgraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j 5.26 Community DBMS for actorgraph's tests and for `make neo4j`: the embedded
 * kernel and Cypher engine with the Bolt connector on 127.0.0.1, authentication on.
 *
 * <p>Usage: {@code java -cp CLASSPATH Neo4jTestServer.java HOME PORT [--watch-stdin]}. The
 * password of user
 * {@code neo4j} comes from the environment variable {@code NEO4J_PASSWORD} (never from the
 * command line, where {@code ps} would show it); it is set on every start, so a home made by
 * {@code neo4j-admin database import} or an earlier run opens with the same credentials.
 *
 * <p>Prints {@code NEO4J_READY bolt://127.0.0.1:PORT} once Bolt accepts connections and stops
 * cleanly (checkpoint, close) on SIGTERM or SIGINT. With {@code --watch-stdin} it also stops
 * when its standard input closes: a parent (the test session) that dies, even by SIGKILL,
 * takes its server with it instead of leaving a JVM behind.
 */
public final class Neo4jTestServer {
  private Neo4jTestServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Neo4jTestServer HOME PORT   (password from $NEO4J_PASSWORD)");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
    // Community's default minimum length; checked here so the message is ours, not a stack trace.
    if (password.length() < 8) {
      System.err.println("NEO4J_PASSWORD must be set to 8 or more characters");
      System.exit(2);
    }
    Files.createDirectories(home);
    long started = System.nanoTime();

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            // The default page cache is half the machine's memory; test graphs need little.
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(160))
            // Test databases need no transaction-log history.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(25))
            // Bolt waits up to 10 s per pool for idle connections on shutdown; a test session
            // stops the server only after closing its drivers, so waiting buys nothing.
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
            .build();

    // The embedded API runs with full access, so it may set the password of the built-in
    // user on the system database: this is what `neo4j-admin dbms set-initial-password` does
    // for a server, without the extra JVM. Bound parameter, never pasted into the text.
    dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
        .executeTransactionally("RETURN 1");

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("NEO4J_STOPPING");
                  System.out.flush();
                  dbms.shutdown();
                  stopped.countDown();
                },
                "neo4j-test-server-shutdown"));

    if (args.length > 2 && args[2].equals("--watch-stdin")) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  while (System.in.read() != -1) {
                    // any input is ignored; only its end matters
                  }
                } catch (java.io.IOException ignored) {
                  // a broken pipe is an end too
                }
                System.exit(0); // runs the shutdown hook
              },
              "neo4j-test-server-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port + " (started in " + millis + " ms)");
    System.out.flush();
    stopped.await();
  }
}
