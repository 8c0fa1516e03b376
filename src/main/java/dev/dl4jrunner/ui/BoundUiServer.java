package dev.dl4jrunner.ui;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * DL4J's UI server (its pages read {@link VertxUIServer#getInstance()}, so it must be that class), listening where
 * we say and with our routes in front of its own. DL4J 1.0.0-M2.1 always listens on all interfaces and offers no
 * hook for routes of a module that takes arguments; so the one HTTP server it creates is ours to place: its
 * {@code listen(port)} goes to our host and port, and its request handler is wrapped by {@code front}.
 */
final class BoundUiServer extends VertxUIServer {
    private final String host;
    private final int port;
    private final UnaryOperator<Handler<HttpServerRequest>> front;

    BoundUiServer(String host, int port, UnaryOperator<Handler<HttpServerRequest>> front) {
        this.host = host;
        this.port = port;
        this.front = front;
    }

    @Override
    public void start(Promise<Void> started) throws Exception {
        vertx = placing(vertx);
        super.start(started);
    }

    /** {@code real}, except that the HTTP server it creates listens on our address behind our front handler. */
    private Vertx placing(Vertx real) {
        return proxy(real, Vertx.class, (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer") && method.getParameterCount() == 0) {
                return placed(real.createHttpServer());
            }
            return call(method, real, args);
        });
    }

    private HttpServer placed(HttpServer real) {
        return proxy(real, HttpServer.class, new InvocationHandler() {
            @Override
            @SuppressWarnings("unchecked")
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("requestHandler") && method.getParameterCount() == 1) {
                    real.requestHandler(front.apply((Handler<HttpServerRequest>) args[0]));
                    return proxy;
                }
                if (method.getName().equals("listen") && method.getParameterCount() == 2
                        && method.getParameterTypes()[0] == int.class) {
                    return real.listen(port, host, (Handler<AsyncResult<HttpServer>>) args[1]);
                }
                return call(method, real, args);
            }
        });
    }

    private static <T> T proxy(T real, Class<T> type, InvocationHandler handler) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(type);
        for (Class<?> c = real.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (Modifier.isPublic(i.getModifiers())) {
                    interfaces.add(i);
                }
            }
        }
        return type.cast(Proxy.newProxyInstance(BoundUiServer.class.getClassLoader(),
                interfaces.toArray(Class<?>[]::new), handler));
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
