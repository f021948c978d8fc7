package io.synod.kv.statemachine.store;

import java.nio.file.Path;

class SqliteStateStoreTest extends StateStoreContractTest {

    @Override
    StateStore open(Path dir) {
        return SqliteStateStore.open(dir.resolveSibling(dir.getFileName() + ".sqlite"));
    }

    @Override
    boolean durable() {
        return true;
    }
}
