package io.synod.kv.storage.mem;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.storage.LogStore;
import io.synod.kv.storage.LogStoreContractTest;

import java.util.Optional;

/** The in-memory reference store: not durable across a reopen and keeps no checksums. */
class MemoryLogStoreContractTest extends LogStoreContractTest {

    @Override
    protected LogStore newStore(ConfState bootstrap) {
        return new MemoryLogStore(bootstrap);
    }

    @Override
    protected Optional<LogStore> reopen(LogStore current) {
        return Optional.empty();
    }

    @Override
    protected Optional<LogStore> corruptEntry(LogStore current, long index) {
        return Optional.empty();
    }
}
