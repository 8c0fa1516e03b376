package dev.dl4jrunner.ui;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the runs page, in front of DL4J's: {@code /} and {@code /runs} (the page), {@code /runs/assets/*},
 * {@code /runs/:id/report.html}, {@code /runs/:id/files/:name} and the JSON under {@code /api}. Every request, ours
 * or DL4J's, passes the {@link RequestGuard} first.
 */
final class RunsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(RunsRoutes.class);
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, Asset> ASSETS = Map.of(
            "app.js", new Asset("dev/dl4jrunner/ui/app.js", "text/javascript; charset=utf-8"),
            "app.css", new Asset("dev/dl4jrunner/ui/app.css", "text/css; charset=utf-8"),
            "uPlot.js", new Asset(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "uPlot.css", new Asset(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));
    private static final Asset PAGE = new Asset("dev/dl4jrunner/ui/runs.html", "text/html; charset=utf-8");
    /** The page loads only from this server; styles may be inline (uPlot sets them). */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'";
    static final String PING = "dl4j-runner";

    private record Asset(String resource, String type) {
        byte[] bytes() {
            try (InputStream in = RunsRoutes.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private RunsRoutes() {
    }

    /** The handler of every request: ours when the path is, DL4J's otherwise. */
    static Handler<HttpServerRequest> front(Vertx vertx, RunsApi api, Handler<HttpServerRequest> dl4j) {
        Router ours = router(vertx, api);
        return request -> {
            String path = request.path();
            if (!RequestGuard.isSafe(path)) {
                request.response().setStatusCode(HttpResponseStatus.BAD_REQUEST.code())
                        .putHeader("Content-Type", "text/plain; charset=utf-8").end("Bad request path\n");
            } else if (path.equals("/") || path.equals("/runs") || path.startsWith("/runs/")
                    || path.startsWith("/api/")) {
                // Not on DL4J's responses: its pages come without a content type and rely on sniffing.
                request.response().putHeader("X-Content-Type-Options", "nosniff");
                ours.handle(request);
            } else {
                dl4j.handle(request);
            }
        };
    }

    private static Router router(Vertx vertx, RunsApi api) {
        Router router = Router.router(vertx);
        router.get("/").handler(ctx -> ctx.response().setStatusCode(HttpResponseStatus.FOUND.code())
                .putHeader("Location", "/runs").end());
        byte[] page = PAGE.bytes();
        router.get("/runs").handler(ctx -> ctx.response().putHeader("Content-Type", PAGE.type())
                .putHeader("Content-Security-Policy", POLICY).putHeader("Cache-Control", "no-cache")
                .end(Buffer.buffer(page)));
        router.get("/runs/assets/:name").handler(ctx -> {
            Asset asset = ASSETS.get(ctx.pathParam("name"));
            if (asset == null) {
                notFound(ctx);
            } else {
                ctx.response().putHeader("Content-Type", asset.type()).putHeader("Cache-Control", "no-cache")
                        .end(Buffer.buffer(asset.bytes()));
            }
        });
        router.get("/api/ping").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end(PING));
        router.get("/api/runs").blockingHandler(ctx -> json(ctx, Optional.of(io(api::listing))), false);
        router.get("/api/runs/:id").blockingHandler(ctx -> json(ctx, io(() -> api.details(ctx.pathParam("id")))),
                false);
        router.get("/runs/:id/report.html").blockingHandler(ctx -> api.report(ctx.pathParam("id")).ifPresentOrElse(
                html -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                + "img-src data:")
                        .end(html), () -> notFound(ctx)), false);
        router.get("/runs/:id/files/:name").blockingHandler(ctx -> {
            String name = ctx.pathParam("name");
            api.file(ctx.pathParam("id"), name).ifPresentOrElse(bytes -> ctx.response()
                    .putHeader("Content-Type", RunsApi.FILES.get(name)).putHeader("Cache-Control", "no-cache")
                    .putHeader("Content-Security-Policy", "default-src 'none'")
                    .end(Buffer.buffer(bytes)), () -> notFound(ctx));
        }, false);
        router.route().handler(RunsRoutes::notFound);
        router.errorHandler(500, ctx -> {
            LOG.warn("{} failed: {}", ctx.request().path(), ctx.failure() == null ? "" : ctx.failure().getMessage());
            ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Internal error\n");
        });
        return router;
    }

    private static void json(RoutingContext ctx, Optional<byte[]> body) {
        body.ifPresentOrElse(bytes -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(Buffer.buffer(bytes)), () -> notFound(ctx));
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(HttpResponseStatus.NOT_FOUND.code())
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found\n");
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T io(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
