package io.synod.sql.calcite.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** Relational expressions that read Synod tables straight from the key-value store. */
public interface SynodRel extends RelNode {

    /** The calling convention of {@link SynodTableScan}; {@link SynodToEnumerableConverter} leaves it. */
    Convention CONVENTION = new Convention.Impl("SYNOD", SynodRel.class);
}
