package io.synod.sql.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCommandTest {

    @Test
    void transactionControl() {
        assertThat(SessionCommand.parse("begin")).contains(new SessionCommand.Begin(null, null));
        assertThat(SessionCommand.parse("  BEGIN WORK ; ")).contains(new SessionCommand.Begin(null, null));
        assertThat(SessionCommand.parse("start transaction read only"))
                .contains(new SessionCommand.Begin(true, null));
        assertThat(SessionCommand.parse("START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY"))
                .contains(new SessionCommand.Begin(true, "SERIALIZABLE"));
        assertThat(SessionCommand.parse("START TRANSACTION ISOLATION LEVEL READ COMMITTED READ WRITE"))
                .contains(new SessionCommand.Begin(false, "READ COMMITTED"));
        assertThat(SessionCommand.parse("/* app */ commit -- done")).contains(new SessionCommand.Commit());
        assertThat(SessionCommand.parse("ROLLBACK WORK")).contains(new SessionCommand.Rollback());
        assertThat(SessionCommand.parse("rollback to savepoint s1"))
                .contains(new SessionCommand.RollbackToSavepoint("S1"));
        assertThat(SessionCommand.parse("SAVEPOINT \"Mixed\"")).contains(new SessionCommand.CreateSavepoint("Mixed"));
        assertThat(SessionCommand.parse("release s1")).contains(new SessionCommand.ReleaseSavepoint("S1"));
        assertThat(SessionCommand.parse("SET TRANSACTION READ ONLY"))
                .contains(new SessionCommand.SetTransaction(true, null));
    }

    @Test
    void settings() {
        assertThat(SessionCommand.parse("SET CONSISTENCY = 'stale'")).contains(new SessionCommand.SetConsistency("stale"));
        assertThat(SessionCommand.parse("set consistency to linearizable"))
                .contains(new SessionCommand.SetConsistency("LINEARIZABLE"));
        assertThat(SessionCommand.parse("SET MAX_STALENESS_MS = 250")).contains(new SessionCommand.SetMaxStaleness("250"));
        assertThat(SessionCommand.parse("show consistency")).contains(new SessionCommand.ShowConsistency());
    }

    @Test
    void everythingElseGoesToTheParser() {
        assertThat(SessionCommand.parse("SELECT 'BEGIN'")).isEmpty();
        assertThat(SessionCommand.parse("COMMIT AND CHAIN")).isEmpty();
        assertThat(SessionCommand.parse("begin;commit")).isEmpty();
        assertThat(SessionCommand.looksLikeQuery("  -- x\n select 1")).isTrue();
        assertThat(SessionCommand.looksLikeQuery("WITH a AS (SELECT 1) SELECT * FROM a")).isTrue();
        assertThat(SessionCommand.looksLikeQuery("(select 1)")).isTrue();
        assertThat(SessionCommand.looksLikeQuery("insert into t values (1)")).isFalse();
    }
}
