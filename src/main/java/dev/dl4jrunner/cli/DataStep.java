package dev.dl4jrunner.cli;

import dev.dl4jrunner.data.DatasetException;

/** A step that reads the data directory; {@link #orFail} turns its {@link DatasetException} into exit code 2. */
@FunctionalInterface
interface DataStep<T> {
    T run() throws DatasetException;

    static <T> T orFail(DataStep<T> step) {
        try {
            return step.run();
        } catch (DatasetException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
    }
}
