package dev.dl4jrunner.train;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

import java.util.Collection;

/** Sends the statistics one listener collects to two places: collecting them is the expensive part. */
record TeeStatsRouter(StatsStorageRouter first, StatsStorageRouter second) implements StatsStorageRouter {
    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        first.putStorageMetaData(storageMetaData);
        second.putStorageMetaData(storageMetaData);
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        first.putStorageMetaData(storageMetaData);
        second.putStorageMetaData(storageMetaData);
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        first.putStaticInfo(staticInfo);
        second.putStaticInfo(staticInfo);
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        first.putStaticInfo(staticInfo);
        second.putStaticInfo(staticInfo);
    }

    @Override
    public void putUpdate(Persistable update) {
        first.putUpdate(update);
        second.putUpdate(update);
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        first.putUpdate(updates);
        second.putUpdate(updates);
    }
}
