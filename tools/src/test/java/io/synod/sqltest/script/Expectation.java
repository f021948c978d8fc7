package io.synod.sqltest.script;

/** What a hand-written statement promises about itself, checked on the reference too. */
public enum Expectation {
    /** Nothing promised: only the two systems' outcomes are compared. */
    ANY,
    /** The statement must succeed. */
    OK,
    /** The statement must fail. */
    ERROR
}
