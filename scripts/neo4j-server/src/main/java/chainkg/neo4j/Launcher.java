package chainkg.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs the real Neo4j 5.26 Community engine (embedded DBMS + Bolt connector) for chainkg
 * development and tests. Started by {@code scripts/neo4j}; all settings come from env vars:
 *
 * <ul>
 *   <li>CHAINKG_NEO4J_HOME      home dir (data/, logs/, run/ live below it) – required</li>
 *   <li>CHAINKG_NEO4J_HOST      Bolt listen host (default 127.0.0.1)</li>
 *   <li>CHAINKG_NEO4J_PORT      Bolt port (default 7687)</li>
 *   <li>CHAINKG_NEO4J_PASSWORD  password of user neo4j (default chainkg-local-pass)</li>
 *   <li>CHAINKG_NEO4J_PAGECACHE page cache size (default 512m)</li>
 *   <li>CHAINKG_NEO4J_TX_TIMEOUT transaction timeout in seconds (default 300, 0 = none)</li>
 * </ul>
 *
 * LOAD CSV can neither read the server's files (file URLs off, import root confined to the
 * empty {@code import/} under the home) nor fetch URLs (every IPv4 and IPv6 address is on
 * Cypher's IP block list), so Cypher that gets past any application guard still cannot read
 * the password in {@code run/state} or reach internal services.
 *
 * An optional {@code $CHAINKG_NEO4J_HOME/neo4j.conf} (neo4j.conf syntax) is loaded last and
 * overrides the settings above. The launcher writes {@code run/ready} once the password is set
 * and the default database is available; SIGTERM shuts the DBMS down cleanly.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    private Launcher() {}

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static void log(String msg) {
        System.out.println("[chainkg-neo4j] " + msg);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        String homeStr = env("CHAINKG_NEO4J_HOME", null);
        if (homeStr == null) {
            System.err.println("CHAINKG_NEO4J_HOME is not set");
            System.exit(2);
        }
        Path home = Path.of(homeStr).toAbsolutePath().normalize();
        String host = env("CHAINKG_NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("CHAINKG_NEO4J_PORT", "7687"));
        String password = env("CHAINKG_NEO4J_PASSWORD", "chainkg-local-pass");
        long pageCache = ByteUnit.parse(env("CHAINKG_NEO4J_PAGECACHE", "512m"));
        long txTimeoutSec = Long.parseLong(env("CHAINKG_NEO4J_TX_TIMEOUT", "300"));

        Path runDir = home.resolve("run");
        Files.createDirectories(runDir);
        Path ready = runDir.resolve("ready");
        Files.deleteIfExists(ready);
        Path importDir = home.resolve("import");
        Files.createDirectories(importDir);
        Files.setPosixFilePermissions(importDir, PosixFilePermissions.fromString("rwx------"));

        SocketAddress bolt = new SocketAddress(host, port);
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(GraphDatabaseSettings.data_directory, home.resolve("data"))
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(host))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // loopback-only dev/test server: no lock-out after failed logins, so tests that
                // check wrong-password rejection don't lock the real user out for a few seconds
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Bolt waits 5s + 5s for idle connections/threads on shutdown by default (after the
                // databases are already stopped and checkpointed); 1s each makes stop fast.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSec))
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false);
        Path userConf = home.resolve("neo4j.conf");
        if (Files.isRegularFile(userConf)) {
            log("loading extra config " + userConf);
            builder.loadPropertiesFromFile(userConf);
        }

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down / 正在关闭");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // best effort
            }
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
                log("stopped / 已停止");
            }
        }, "chainkg-neo4j-shutdown"));

        try {
            ensurePassword(dbms, password);
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(120_000)) {
                throw new IllegalStateException("database 'neo4j' did not become available");
            }
            String version = db.executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                    r -> String.valueOf(r.next().get("v")));
            Path tmp = runDir.resolve("ready.tmp");
            Files.writeString(tmp, ProcessHandle.current().pid() + " " + host + ":" + port + " " + version + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log(String.format("Neo4j %s ready / 已就绪: bolt://%s:%d (%.1fs)", version, host, port,
                    (System.nanoTime() - t0) / 1e9));
        } catch (Throwable t) {
            t.printStackTrace();
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            log("startup failed / 启动失败: " + root);
            System.exit(1); // runs the shutdown hook
        }
        stopped.await();
    }

    /**
     * Makes the configured password the current one for user neo4j (no change required).
     * Runs on every start against the system database; embedded transactions run with full
     * privileges, so this works whatever the old password was. Hence the env var is the single
     * source of truth: changing CHAINKG_NEO4J_PASSWORD and restarting changes the password.
     */
    static void ensurePassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (!system.isAvailable(120_000)) {
            throw new IllegalStateException("system database did not become available");
        }
        Map<String, Object> params = Map.of("u", USER, "pw", password);
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $u RETURN count(*) AS c", Map.of("u", USER),
                r -> ((Number) r.next().get("c")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally("CREATE USER $u SET PASSWORD $pw CHANGE NOT REQUIRED", params);
            log("created user neo4j / 已创建用户 neo4j");
            return;
        }
        try {
            system.executeTransactionally("ALTER USER $u SET PASSWORD $pw CHANGE NOT REQUIRED", params);
            log("password of user neo4j set / 已设置 neo4j 密码");
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase();
            if (!msg.contains("same")) {
                throw e;
            }
            // Password already equals the configured one; just make sure no change is required.
            system.executeTransactionally("ALTER USER $u SET PASSWORD CHANGE NOT REQUIRED", Map.of("u", USER));
            log("password of user neo4j unchanged / 密码未变");
        }
    }
}
