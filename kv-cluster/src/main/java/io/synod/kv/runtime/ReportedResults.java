package io.synod.kv.runtime;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a replica vouches for in its signed replies ({@link SignedReplies}): the result it got on
 * a correct replica. Anything else exists only for test-only fault injection: a replica that lies
 * reports a result it did not get, a silent one reports nothing.
 */
@FunctionalInterface
public interface ReportedResults {

    ReportedResults TRUTHFUL = Optional::of;

    ReportedResults SILENT = result -> Optional.empty();

    static ReportedResults lying(UnaryOperator<byte[]> lie) {
        return result -> Optional.of(lie.apply(result));
    }

    /** What to report for {@code result}; empty to report nothing. */
    Optional<byte[]> report(byte[] result);
}
