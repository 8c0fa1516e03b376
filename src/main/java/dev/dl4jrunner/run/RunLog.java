package dev.dl4jrunner.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Copies everything the process logs, with timestamps, into the run's {@code train.log} while the run lasts. */
public final class RunLog implements AutoCloseable {
    private final Logger root;
    private final FileAppender<ILoggingEvent> appender;

    private RunLog(Logger root, FileAppender<ILoggingEvent> appender) {
        this.root = root;
        this.appender = appender;
    }

    public static RunLog attach(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            // Under spark-submit without spark.driver.userClassPathFirst, SLF4J is Spark's, bound to log4j2.
            LoggerFactory.getLogger(RunLog.class).warn("{} is not written: logging goes to {}, not logback "
                    + "(with spark-submit, add --conf spark.driver.userClassPathFirst=true)", file,
                    LoggerFactory.getILoggerFactory().getClass().getName());
            return new RunLog(null, null);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-log");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new RunLog(root, appender);
    }

    @Override
    public void close() {
        if (appender == null) {
            return;
        }
        root.detachAppender(appender);
        appender.stop();
    }
}
