package io.synod.sql.calcite.rel;

import java.util.List;

/**
 * Everything pushed into a {@link SynodTableScan}: the access path, the columns returned (table
 * column positions; null = all, in table order), the direction of the key walk, and the rows
 * skipped and returned (fetch -1 = all).
 */
public record ScanSpec(AccessPath path, List<Integer> projection, boolean reverse, long offset, long fetch) {

    public static final ScanSpec FULL_SCAN = new ScanSpec(AccessPath.FULL_SCAN, null, false, 0, -1);

    public ScanSpec {
        if (projection != null) {
            projection = List.copyOf(projection);
        }
        if (offset < 0 || fetch < -1) {
            throw new IllegalArgumentException("offset " + offset + ", fetch " + fetch);
        }
    }

    public boolean hasLimit() {
        return offset > 0 || fetch >= 0;
    }

    public ScanSpec withPath(AccessPath newPath) {
        return new ScanSpec(newPath, projection, reverse, offset, fetch);
    }

    public ScanSpec withProjection(List<Integer> newProjection) {
        return new ScanSpec(path, newProjection, reverse, offset, fetch);
    }

    public ScanSpec withReverse(boolean newReverse) {
        return new ScanSpec(path, projection, newReverse, offset, fetch);
    }

    public ScanSpec withLimit(long newOffset, long newFetch) {
        return new ScanSpec(path, projection, reverse, newOffset, newFetch);
    }

    /** The output field of table column {@code column}, or -1 if it is projected away. */
    public int field(int column) {
        return projection == null ? column : projection.indexOf(column);
    }
}
