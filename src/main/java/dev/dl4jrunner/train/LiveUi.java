package dev.dl4jrunner.train;

import dev.dl4jrunner.run.UiAddress;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * A {@code runner ui} serving this run's runs directory, to which the run's UI statistics also go while it trains.
 * DL4J's remote router posts from a thread of its own, retries a few times and then gives up; nothing it does can
 * fail the run, and the statistics file gets everything anyway.
 */
final class LiveUi implements StatsStorageRouter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUi.class);
    /** What the runs UI answers at /api/ping. */
    private static final String PING_ANSWER = "dl4j-runner";
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private final RemoteUIStatsStorageRouter router;

    private LiveUi(RemoteUIStatsStorageRouter router) {
        this.router = router;
    }

    /** The UI announced in {@code runsDir}, if it answers now. */
    static Optional<LiveUi> find(Path runsDir) {
        Optional<URI> address = UiAddress.read(runsDir);
        if (address.isEmpty() || !answers(address.get())) {
            return Optional.empty();
        }
        LOG.info("Runs UI at {}: this run's statistics also go there while it trains", address.get());
        // Retries after 0.5, 1 and 2 s, then the router stops: a UI that went away costs the run nothing more.
        return Optional.of(new LiveUi(new RemoteUIStatsStorageRouter(address.get().toString(), 3, 500, 2.0)));
    }

    private static boolean answers(URI address) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(PATIENCE).build().send(
                    HttpRequest.newBuilder(address.resolve("/api/ping")).timeout(PATIENCE).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && PING_ANSWER.equals(response.body());
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        quietly(() -> router.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        quietly(() -> router.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        quietly(() -> router.putStaticInfo(staticInfo));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        quietly(() -> router.putStaticInfo(staticInfo));
    }

    @Override
    public void putUpdate(Persistable update) {
        quietly(() -> router.putUpdate(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        quietly(() -> router.putUpdate(updates));
    }

    private static void quietly(Runnable post) {
        try {
            post.run();
        } catch (RuntimeException e) {
            LOG.debug("Live statistics not sent: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        router.shutdown();
    }
}
