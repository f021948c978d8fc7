package io.synod.kv.statemachine.store;

import java.nio.file.Path;

class MemoryStateStoreTest extends StateStoreContractTest {

    @Override
    StateStore open(Path dir) {
        return new MemoryStateStore();
    }

    @Override
    boolean durable() {
        return false;
    }
}
