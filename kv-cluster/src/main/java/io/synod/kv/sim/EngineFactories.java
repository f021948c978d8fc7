package io.synod.kv.sim;

import io.synod.kv.consensus.raft.RaftEngine;

import java.util.Locale;

/** Maps a protocol name, as given to {@code synod sim --consensus}, to its engine factory. */
public final class EngineFactories {

    private EngineFactories() {
    }

    /** @throws IllegalArgumentException for a protocol that has no engine yet */
    public static EngineFactory forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "raft" -> RaftEngine::new;
            default -> throw new IllegalArgumentException("unknown consensus protocol '" + name
                    + "'; supported: raft");
        };
    }
}
