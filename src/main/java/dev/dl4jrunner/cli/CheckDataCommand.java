package dev.dl4jrunner.cli;

import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.data.DataReport;
import dev.dl4jrunner.data.DatasetCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runner check-data EXPERIMENT.yaml}: the image check training starts with, as a report; writes nothing. */
@Command(name = "check-data", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Checks the images an experiment would train on, without training or writing anything: "
                + "images per class, sizes, colour types, identical files, bad images and unused files.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Training could run; bad images, if any, would be skipped.",
                "2:Training would refuse (bad images with data.on_bad_image: fail, or a class without usable "
                        + "images), or a bad command line, experiment file or data directory.",
                "4:Internal error."})
final class CheckDataCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file whose data to check.")
    private Path experiment;

    @Mixin
    private ExperimentOptions experimentOptions;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() {
        ExperimentConfig config = experimentOptions.load(experiment);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Checking the images of %s%n", config.data().dir());
        out.flush();
        long started = System.nanoTime();
        DatasetCheck check = DataStep.orFail(() -> DatasetCheck.run(config.data(), config.seed()));
        DataReport report = DataReport.of(check);
        new DataReportPrinter(out, report).print((System.nanoTime() - started) / 1e9);
        out.flush();
        return report.refusal().isPresent() ? ExitCode.BAD_INPUT : ExitCode.OK;
    }
}
