package io.synod.crypto.keyfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text both key files are written in: UTF-8 lines of {@code name: value}, with blank lines
 * and lines starting with {@code #} ignored. Names are lowercase and appear once. The first field
 * is {@code format}, naming the kind of file and its version, so a cluster keys file given where a
 * private key file belongs is refused with a clear message.
 */
final class KeyFileText {

    /** Key files are a few hundred bytes per node; anything much larger is the wrong file. */
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]*");

    private KeyFileText() {
    }

    /** Reads the fields of a key file in file order, checking its format line. */
    static Map<String, String> read(Path file, String expectedFormat) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new KeyFileException(file, "too large to be a key file (" + Files.size(file) + " bytes)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new KeyFileException(file, "not a text file (invalid UTF-8)");
        }
        Map<String, String> fields = parse(file, text);
        String format = fields.get("format");
        if (format == null) {
            throw new KeyFileException(file, "not a Synod key file (no 'format' line; expected 'format: "
                    + expectedFormat + "')");
        }
        if (!format.equals(expectedFormat)) {
            throw new KeyFileException(file, "is a '" + format + "' file, expected '" + expectedFormat + "'");
        }
        return fields;
    }

    private static Map<String, String> parse(Path file, String text) throws KeyFileException {
        Map<String, String> fields = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String raw : text.split("\\R", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new KeyFileException(file, "line " + lineNumber + ": expected 'name: value'");
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!NAME.matcher(name).matches()) {
                throw new KeyFileException(file, "line " + lineNumber + ": bad field name '" + name + "'");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw new KeyFileException(file, "line " + lineNumber + ": '" + name + "' appears twice");
            }
        }
        return fields;
    }

    /** The value of a field that must be present. */
    static String required(Path file, Map<String, String> fields, String name) throws KeyFileException {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new KeyFileException(file, "missing '" + name + "' (truncated file?)");
        }
        return value;
    }

    /** Requires {@code type: ed25519}, the only key type Synod uses. */
    static void requireEd25519(Path file, Map<String, String> fields) throws KeyFileException {
        String type = required(file, fields, "type");
        if (!type.equals("ed25519")) {
            throw new KeyFileException(file, "key type '" + type + "' is not supported; Synod keys are ed25519");
        }
    }

    static long nodeId(Path file, String field, String value) throws KeyFileException {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the field's name
        }
        throw new KeyFileException(file, "'" + field + "' must be a positive node id, not '" + value + "'");
    }

    static byte[] hex(Path file, String field, String value, int bytes) throws KeyFileException {
        if (value.length() != 2 * bytes || !value.chars().allMatch(HexFormat::isHexDigit)) {
            throw new KeyFileException(file, "'" + field + "' must be " + 2 * bytes + " hex digits (" + bytes
                    + " bytes), got " + value.length() + " characters");
        }
        return HexFormat.of().parseHex(value);
    }
}
