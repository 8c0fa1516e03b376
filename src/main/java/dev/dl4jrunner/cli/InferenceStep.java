package dev.dl4jrunner.cli;

import dev.dl4jrunner.data.DatasetException;
import dev.dl4jrunner.infer.InferenceException;

/**
 * A step of {@code evaluate} or {@code predict} that reads a run, its checkpoint or images; {@link #orFail} turns
 * its exceptions into exit code 3 (no run directory) or 2 (anything else the user can fix).
 */
@FunctionalInterface
interface InferenceStep<T> {
    T run() throws InferenceException, DatasetException;

    static <T> T orFail(InferenceStep<T> step) {
        try {
            return step.run();
        } catch (InferenceException e) {
            throw new RunnerException(e.notARun() ? ExitCode.MISSING_RUN : ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (DatasetException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
    }
}
