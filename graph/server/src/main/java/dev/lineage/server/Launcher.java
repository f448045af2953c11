package dev.lineage.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community embedded with its Bolt connector, so Lineage can provision a real
 * database from Maven Central alone. Usage:
 *
 * <pre>java -cp 'lib/*:lineage-neo4j-server.jar' dev.lineage.server.Launcher \
 *   --data DIR --port 7687 [--host 127.0.0.1] [--pagecache 512m] [--tx-timeout 300s]</pre>
 *
 * Prints one line "LINEAGE_NEO4J_READY bolt://host:port" when Bolt is accepting clients and
 * "LINEAGE_NEO4J_FAILED <reason>" (exit 1) when the database cannot start. SIGTERM shuts the
 * database down cleanly through the shutdown hook.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path home = options.data.toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(options.host, options.port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(options.host, options.port))
                    // Bound to loopback by default; the local server trusts local clients only.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, options.pagecacheBytes)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, options.txTimeout)
                    // Netty's default 5 s grace periods make every stop slow; local clients are ours.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                    .build();
        } catch (Throwable error) {
            fail(error);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LINEAGE_NEO4J_STOPPING");
            try {
                service.shutdown();
            } finally {
                System.out.println("LINEAGE_NEO4J_STOPPED");
                System.out.flush();
                stopped.countDown();
            }
        }, "lineage-neo4j-shutdown"));

        try {
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
                throw new IllegalStateException("the default database did not become available within 5 minutes");
            }
            // A trivial read proves the store opened with this Neo4j version.
            db.executeTransactionally("RETURN 1");
        } catch (Throwable error) {
            fail(error);
            return;
        }
        System.out.println("LINEAGE_NEO4J_READY bolt://" + options.host + ":" + options.port);
        System.out.flush();
        stopped.await();
    }

    private static void fail(Throwable error) {
        Throwable root = error;
        StringBuilder chain = new StringBuilder();
        while (root != null) {
            if (chain.length() > 0) chain.append(" <- ");
            chain.append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
            if (root.getCause() == root) break;
            root = root.getCause();
        }
        System.out.println("LINEAGE_NEO4J_FAILED " + chain.toString().replace('\n', ' '));
        error.printStackTrace();
        System.out.flush();
        Runtime.getRuntime().halt(1);
    }

    private static final class Options {
        Path data = Path.of("data");
        String host = "127.0.0.1";
        int port = 7687;
        long pagecacheBytes = 512L * 1024 * 1024;
        Duration txTimeout = Duration.ofMinutes(5);

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--data" -> { o.data = Path.of(require(args[i], value)); i++; }
                    case "--host" -> { o.host = require(args[i], value); i++; }
                    case "--port" -> { o.port = Integer.parseInt(require(args[i], value)); i++; }
                    case "--pagecache" -> { o.pagecacheBytes = bytes(require(args[i], value)); i++; }
                    case "--tx-timeout" -> { o.txTimeout = Duration.parse("PT" + require(args[i], value).toUpperCase()); i++; }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }

        private static String require(String flag, String value) {
            if (value == null) throw new IllegalArgumentException(flag + " needs a value");
            return value;
        }

        private static long bytes(String size) {
            String s = size.trim().toLowerCase();
            long unit = 1;
            if (s.endsWith("g")) unit = 1L << 30;
            else if (s.endsWith("m")) unit = 1L << 20;
            else if (s.endsWith("k")) unit = 1L << 10;
            if (unit != 1) s = s.substring(0, s.length() - 1);
            return Long.parseLong(s) * unit;
        }
    }
}
