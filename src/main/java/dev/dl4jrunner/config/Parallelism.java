package dev.dl4jrunner.config;

/**
 * How many devices of one host train the model, and how they are kept together.
 *
 * @param workers            model copies training side by side, &gt;= 1; 1 = no {@code ParallelWrapper}
 * @param mode               how the copies are kept together when there are several
 * @param averagingFrequency batches each worker fits between two averagings, &gt;= 1; with several workers, the
 *                           runner hands {@code workers * averagingFrequency} batches to the wrapper at a time
 */
public record Parallelism(int workers, ParallelMode mode, int averagingFrequency) {
    /** One device, as without the keys. */
    public static final Parallelism SINGLE = new Parallelism(1, ParallelMode.AVERAGING, 1);

    /** Batches the training loop hands over at a time: progress, checkpoints and stops happen between them. */
    public int batchesPerStep() {
        return workers == 1 ? 1 : workers * averagingFrequency;
    }
}
