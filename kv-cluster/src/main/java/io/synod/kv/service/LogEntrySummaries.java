package io.synod.kv.service;

import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.proto.admin.LogEntrySummary;
import io.synod.proto.kv.KvCommand;

/** What the admin API tells about a log entry: position, term, kind and size, never the payload. */
final class LogEntrySummaries {

    /** The most entries one RecentLog call describes. */
    static final int MAX_ENTRIES = 1000;

    private LogEntrySummaries() {
    }

    static LogEntrySummary of(LogEntry entry) {
        return LogEntrySummary.newBuilder()
                .setIndex(entry.index())
                .setTerm(entry.term())
                .setKind(kind(entry))
                .setSizeBytes(entry.data().length)
                .build();
    }

    static String kind(LogEntry entry) {
        return switch (entry.type()) {
            case NOOP, CONF_CHANGE -> entry.type().name();
            case NORMAL -> {
                try {
                    KvCommand command = KvCommand.parseFrom(entry.data());
                    yield command.getOpCase() == KvCommand.OpCase.OP_NOT_SET ? "UNKNOWN" : command.getOpCase().name();
                } catch (InvalidProtocolBufferException e) {
                    yield "UNKNOWN";
                }
            }
        };
    }
}
