package io.synod.sqltest.corpus;

import io.synod.sqltest.script.TestCase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hand-written corpus on the test classpath: the files listed in {@code sqltest/corpus/INDEX}. */
public final class Corpus {

    private static final String DIRECTORY = "sqltest/corpus/";

    private Corpus() {
    }

    public static List<TestCase> load() {
        List<TestCase> cases = new ArrayList<>();
        for (String file : read(DIRECTORY + "INDEX").lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            cases.add(CorpusParser.parse(file, read(DIRECTORY + file)));
        }
        return cases;
    }

    private static String read(String resource) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("corpus resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
