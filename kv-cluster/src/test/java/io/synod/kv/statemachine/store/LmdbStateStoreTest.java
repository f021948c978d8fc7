package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LmdbStateStoreTest extends StateStoreContractTest {

    @Override
    StateStore open(Path dir) {
        // Roomy: every test key longer than 510 bytes lands in one LMDB bucket, rewritten per write.
        return LmdbStateStore.open(dir, 256L << 20);
    }

    @Override
    boolean durable() {
        return true;
    }

    @Test
    void aBatchThatDoesNotFitChangesNothing() {
        StateStore small = track(LmdbStateStore.open(dir.resolve("small"), 1L << 20));
        small.commit(new WriteBatch(1).put(kv(b("kept"), "1", 1)));
        long digest = small.digest();
        WriteBatch tooBig = new WriteBatch(2);
        for (int i = 0; i < 64; i++) {
            tooBig.put(kv(b("big" + i), "x".repeat(64 * 1024), 2));
        }
        assertThatThrownBy(() -> small.commit(tooBig)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("full");
        assertThat(small.appliedIndex()).isEqualTo(1);
        assertThat(small.digest()).isEqualTo(digest);
        assertThat(small.get(b("big0"))).isNull();
        assertThat(small.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false)).hasSize(1);
    }
}
