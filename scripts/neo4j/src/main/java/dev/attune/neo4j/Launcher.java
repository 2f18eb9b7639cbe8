package dev.attune.neo4j;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Minimal embedded Neo4j (Community) server for local dev, tests and CI.
 *
 * <p>Started (detached) by scripts/lib/neo4j.mjs. Usage:
 *
 * <pre>
 *   java [-Xmx..] -cp ... dev.attune.neo4j.Launcher --home DIR [--port 7687]
 *        [--pagecache 256m] [--tx-timeout 120s] [--start-timeout 170s]
 * </pre>
 *
 * <p>Env fallbacks: ATTUNE_NEO4J_PORT, ATTUNE_NEO4J_PAGECACHE, ATTUNE_NEO4J_TX_TIMEOUT.
 * Heap is set with ordinary JVM args (-Xms/-Xmx), not here.
 *
 * <p>Prints exactly one {@code READY bolt://127.0.0.1:<port>} line on stdout once the default
 * database is available; exits non-zero if it cannot get there. SIGTERM / SIGINT run a shutdown
 * hook that calls {@link DatabaseManagementService#shutdown()} (checkpoint + clean close).
 * Neo4j's own logs (debug.log, ...) stay in {@code <home>/logs}; the store in {@code <home>/data}.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = Integer.parseInt(envOr("ATTUNE_NEO4J_PORT", "7687"));
        String pagecache = envOr("ATTUNE_NEO4J_PAGECACHE", "256m");
        String txTimeout = envOr("ATTUNE_NEO4J_TX_TIMEOUT", "120s");
        String startTimeout = "170s";

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--home", "--data-dir" -> { home = Path.of(require(a, v)); i++; }
                case "--port" -> { port = Integer.parseInt(require(a, v)); i++; }
                case "--pagecache" -> { pagecache = require(a, v); i++; }
                case "--tx-timeout" -> { txTimeout = require(a, v); i++; }
                case "--start-timeout" -> { startTimeout = require(a, v); i++; }
                default -> fail("unknown argument: " + a);
            }
        }
        if (home == null) {
            fail("missing --home <dir>");
        }
        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);

        // stdout carries only the READY line (the parent greps for it); everything else -> stderr.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        long started = System.nanoTime();
        System.err.printf("attune-neo4j: starting Neo4j (home=%s, bolt=%s:%d, pagecache=%s, tx-timeout=%s)%n",
                home, HOST, port, pagecache, txTimeout);

        DatabaseManagementService managementService = new DatabaseManagementServiceBuilder(home)
                // Bolt only, bound to loopback.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Auth is DISABLED on purpose: this server only listens on 127.0.0.1 and is a local
                // dev/test/CI database. Drivers may still send basic auth; it is accepted and ignored.
                // Never bind this launcher to a non-loopback address.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse(pagecache))
                .setConfig(GraphDatabaseSettings.transaction_timeout, SettingValueParsers.DURATION.parse(txTimeout))
                // Small dev footprint: no 250 MB preallocated tx log files, keep little history.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Faster clean stop (defaults wait ~2 x 5 s for Bolt/netty quiet periods). Internal
                // settings; checkpointing of the stores on shutdown is unaffected.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("attune-neo4j: shutting down");
            try {
                managementService.shutdown();
                System.err.println("attune-neo4j: stopped");
            } catch (Throwable t) {
                System.err.println("attune-neo4j: error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "attune-neo4j-shutdown"));

        GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        Duration wait = SettingValueParsers.DURATION.parse(startTimeout);
        if (!db.isAvailable(wait.toMillis())) {
            System.err.println("attune-neo4j: default database not available after " + startTimeout);
            System.exit(2); // runs the shutdown hook
        }
        System.err.printf("attune-neo4j: default database '%s' available after %.1f s%n",
                db.databaseName(), (System.nanoTime() - started) / 1e9);
        out.println("READY bolt://" + HOST + ":" + port);
        out.flush();

        stopped.await(); // keep the JVM alive until a signal triggers the shutdown hook
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static String require(String flag, String value) {
        if (value == null) {
            fail("missing value for " + flag);
        }
        return value;
    }

    private static void fail(String msg) {
        System.err.println("attune-neo4j: " + msg);
        System.exit(64);
    }
}
