package dev.dl4jrunner.runs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunsTableTest {
    static List<RunRecord> all;

    @BeforeAll
    static void read() throws IOException {
        all = new RunsFolder(RunsFixture.SOURCE).read();
    }

    @Test
    void sortsByBestValueWithRunsLackingItLast() {
        assertThat(ids(RunsTable.of(all, RunSort.VAL_ACCURACY, List.of()))).containsExactly(
                RunsFixture.LR_1E4, RunsFixture.LR_1E3, RunsFixture.DAMAGED, RunsFixture.KILLED, RunsFixture.LR_1E5);
        assertThat(ids(RunsTable.of(all, RunSort.VAL_LOSS, List.of()))).containsExactly(
                RunsFixture.LR_1E4, RunsFixture.LR_1E3, RunsFixture.LR_1E5, RunsFixture.DAMAGED, RunsFixture.KILLED);
        assertThat(ids(RunsTable.of(all, RunSort.DATE, List.of()))).containsExactly(
                RunsFixture.LR_1E3, RunsFixture.LR_1E4, RunsFixture.LR_1E5, RunsFixture.KILLED, RunsFixture.DAMAGED);
    }

    @Test
    void theBestOfAMetricIsTheBestOfAnyEpochNotTheLast() {
        RunsTable table = RunsTable.of(all, RunSort.DATE, List.of());
        RunRecord overfit = table.runs().get(0);
        assertThat(overfit.bestValAccuracy().value()).isGreaterThan(overfit.epochs().get(7).valAccuracy());
        assertThat(table.bestByValAccuracy()).map(RunRecord::id).contains(RunsFixture.LR_1E4);
        assertThat(table.bestByValLoss()).map(RunRecord::id).contains(RunsFixture.LR_1E4);
    }

    @Test
    void onlyHyperparametersThatDifferAreColumns() {
        assertThat(RunsTable.of(all, RunSort.DATE, List.of()).differing()).containsExactly("optimizer.learning_rate");
        assertThat(RunsTable.of(all, RunSort.DATE, List.of(RunFilter.parse("status=completed"))).differing())
                .containsExactly("optimizer.learning_rate");
        assertThat(RunsTable.of(all, RunSort.DATE, List.of(RunFilter.parse("learning_rate=1e-4"))).differing())
                .as("one run differs from nothing").isEmpty();
    }

    @Test
    void equalValuesWrittenDifferentlyAreTheSame() {
        RunRecord a = all.get(0);
        RunRecord b = withSetting(all.get(1), "optimizer.learning_rate", "1.0E-3");
        RunRecord c = withSetting(all.get(2), "optimizer.learning_rate", "1e-3");
        assertThat(Hyperparameters.differing(List.of(a, b, c), Hyperparameters.LEARNING)).isEmpty();
        RunRecord wider = withSetting(a, "model.dense", "[256,256]");
        assertThat(Hyperparameters.differing(List.of(a, wider), Hyperparameters.LEARNING)).containsExactly("model.dense");
        RunRecord sameDense = withSetting(a, "model.dense", "[100,100]");
        assertThat(Hyperparameters.differing(List.of(a, sameDense), Hyperparameters.LEARNING)).isEmpty();
        RunRecord otherCheckpoints = withSetting(a, "checkpoints.keep_last", "9");
        assertThat(Hyperparameters.differing(List.of(a, otherCheckpoints), Hyperparameters.LEARNING)).isEmpty();
    }

    @Test
    void filtersMatchSettingsByValueAndStatus() {
        assertThat(ids(RunsTable.of(all, RunSort.DATE, List.of(RunFilter.parse("optimizer.learning_rate=1e-3")))))
                .containsExactly(RunsFixture.LR_1E3);
        assertThat(ids(RunsTable.of(all, RunSort.DATE, List.of(RunFilter.parse("learning_rate=0.0001")))))
                .containsExactly(RunsFixture.LR_1E4);
        assertThat(ids(RunsTable.of(all, RunSort.DATE, List.of(RunFilter.parse("status=killed")))))
                .containsExactly(RunsFixture.KILLED);
        assertThat(ids(RunsTable.of(all, RunSort.DATE,
                List.of(RunFilter.parse("status=completed"), RunFilter.parse("dense=[100,100]")))))
                .containsExactly(RunsFixture.LR_1E3, RunsFixture.LR_1E4, RunsFixture.LR_1E5);
    }

    @Test
    void aFilterThatCannotApplySaysWhy() {
        assertThatThrownBy(() -> RunFilter.parse("learning_rate"))
                .hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> RunsTable.of(all, RunSort.DATE, List.of(RunFilter.parse("lr=1"))))
                .hasMessageContaining("No setting 'lr'").hasMessageContaining("optimizer.learning_rate");
    }

    private static RunRecord withSetting(RunRecord run, String key, String value) {
        java.util.Map<String, String> config = new java.util.LinkedHashMap<>(run.config());
        config.put(key, value);
        return new RunRecord(run.id(), run.path(), run.startedAt(), run.status(), run.epochsCompleted(),
                run.epochsPlanned(), run.bestValAccuracy(), run.bestValLoss(), run.wallSeconds(),
                run.dataWaitShare(), run.overfittingAfter(), config, run.epochs(), run.error(), run.notes());
    }

    private static List<String> ids(RunsTable table) {
        return table.runs().stream().map(RunRecord::id).toList();
    }
}
