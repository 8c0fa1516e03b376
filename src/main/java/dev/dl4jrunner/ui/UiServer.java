package dev.dl4jrunner.ui;

import dev.dl4jrunner.run.UiAddress;
import dev.dl4jrunner.runs.RunsFolder;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code runner ui}: one web server for a runs directory, serving DL4J's training UI with a session per run and
 * our runs page beside it. Runs' statistics files are attached as they appear or change; training processes in
 * the directory find the server through {@code .ui} and send their statistics to its remote receiver while they
 * train.
 */
public final class UiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
    /** How often new runs and changed statistics files are looked for. */
    static final long REFRESH_SECONDS = 3;

    /** The server could not start: the port is taken, the address is not this machine's, ... */
    public static final class CannotStartException extends Exception {
        CannotStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RunsFolder folder;
    private final Vertx vertx;
    private final BoundUiServer server;
    private final StatsSnapshots snapshots;
    private final InMemoryStatsStorage remote;
    private final ScheduledExecutorService refresher;
    private final URI address;

    private UiServer(RunsFolder folder, Vertx vertx, BoundUiServer server, StatsSnapshots snapshots,
                     InMemoryStatsStorage remote, ScheduledExecutorService refresher, URI address) {
        this.folder = folder;
        this.vertx = vertx;
        this.server = server;
        this.snapshots = snapshots;
        this.remote = remote;
        this.refresher = refresher;
        this.address = address;
    }

    /**
     * Starts the server on {@code host:port} (port 0: any free port) for the runs in {@code runsDir}, creating that
     * directory if needed, and announces it in the directory's {@code .ui}.
     */
    public static UiServer start(Path runsDir, String host, int port) throws CannotStartException, IOException {
        RunsFolder folder = new RunsFolder(Files.createDirectories(runsDir));
        Vertx vertx = Vertx.vertx();
        Sessions sessions = new Sessions();
        RunsApi api = new RunsApi(folder, sessions::ids);
        BoundUiServer server = new BoundUiServer(host, port, dl4j -> RunsRoutes.front(vertx, api, dl4j));
        VertxUIServer.getMultiSession().set(true);
        VertxUIServer.setStatsStorageProvider(sessions::open);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Promise<String> deployed = Promise.promise();
        deployed.future().onComplete(result -> {
            if (result.succeeded()) {
                started.complete(null);
            } else {
                started.completeExceptionally(result.cause());
            }
        });
        vertx.deployVerticle(server, deployed);
        try {
            started.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            vertx.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new CannotStartException("Cannot serve on " + host + ":" + port + ": " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new CannotStartException("Interrupted while starting", e);
        }
        InMemoryStatsStorage remote = new InMemoryStatsStorage();
        server.enableRemoteListener(remote, true);
        StatsSnapshots snapshots = new StatsSnapshots(folder, server);
        sessions.connect(snapshots, remote);
        snapshots.refresh();
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runs-ui-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(snapshots::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
        String announced = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        URI address = URI.create("http://" + (announced.contains(":") ? "[" + announced + "]" : announced) + ":"
                + server.getPort());
        UiAddress.write(folder.dir(), address);
        return new UiServer(folder, vertx, server, snapshots, remote, refresher, address);
    }

    /** {@code http://host:port}, as a trainer on this machine reaches it. */
    public URI address() {
        return address;
    }

    public int port() {
        return server.getPort();
    }

    public RunsFolder folder() {
        return folder;
    }

    /** The sessions training processes sent live. */
    public Set<String> liveSessions() {
        return Set.copyOf(remote.listSessionIDs());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        UiAddress.remove(folder.dir(), address);
        try {
            VertxUIServer.stopInstance();
        } catch (Exception e) {
            LOG.debug("Stopping the UI server: {}", e.getMessage());
            vertx.close();
        }
        snapshots.close();
        VertxUIServer.setStatsStorageProvider(null);
    }

    /** The sessions DL4J's pages can show, filled in once the server runs. */
    private static final class Sessions {
        private volatile StatsSnapshots snapshots;
        private volatile InMemoryStatsStorage remote;

        void connect(StatsSnapshots snapshots, InMemoryStatsStorage remote) {
            this.snapshots = snapshots;
            this.remote = remote;
        }

        Set<String> ids() {
            Set<String> ids = new HashSet<>();
            if (snapshots != null) {
                ids.addAll(snapshots.sessions());
                ids.addAll(remote.listSessionIDs());
            }
            return ids;
        }

        StatsStorage open(String id) {
            return snapshots == null ? null : snapshots.attach(id).orElse(null);
        }
    }
}
