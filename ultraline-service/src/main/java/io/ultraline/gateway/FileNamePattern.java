package io.ultraline.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Frame attributes from a file name, by a regular expression with named groups, e.g.
 * {@code (?<serial>[^_]+)_(?<shift>\w+)} on {@code A1234_night.jpg}. It is searched (not
 * anchored) in the name without its extension. The groups {@code camera} and {@code product} set
 * the frame's camera and product; every other group becomes an attribute of its name. A group that
 * did not take part in the match is left out.
 */
public final class FileNamePattern {

    /** Group that names the camera. */
    public static final String CAMERA = "camera";
    /** Group that names the product. */
    public static final String PRODUCT = "product";

    // Java 17 has no Pattern.namedGroups(); the names are read from the expression itself
    private static final Pattern GROUP_NAME = Pattern.compile("(?<!\\\\)\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /**
     * What a file name gave.
     *
     * @param camera     the camera group, or null
     * @param product    the product group, or null
     * @param attributes the other groups, in the order the expression names them
     */
    public record Match(String camera, String product, Map<String, String> attributes) {}

    private final Pattern pattern;
    private final List<String> groups;

    private FileNamePattern(Pattern pattern, List<String> groups) {
        this.pattern = pattern;
        this.groups = groups;
    }

    /**
     * Compiles {@code regex}.
     *
     * @throws IllegalArgumentException if it is not a valid expression or names no group
     */
    public static FileNamePattern compile(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("attribute pattern '" + regex + "' is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
        List<String> groups = new ArrayList<>();
        Matcher names = GROUP_NAME.matcher(regex);
        while (names.find()) {
            groups.add(names.group(1));
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("attribute pattern '" + regex + "' names no group; name each part, "
                    + "e.g. (?<serial>[^_]+)_(?<shift>\\w+)");
        }
        return new FileNamePattern(pattern, List.copyOf(groups));
    }

    /** What {@code fileName} gives; empty when the expression is not found in it. */
    public Optional<Match> match(String fileName) {
        Matcher m = pattern.matcher(baseName(fileName));
        if (!m.find()) {
            return Optional.empty();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String camera = null;
        String product = null;
        for (String group : groups) {
            String value = m.group(group);
            if (value == null) {
                continue;
            }
            switch (group) {
                case CAMERA -> camera = value;
                case PRODUCT -> product = value;
                default -> attributes.put(group, value);
            }
        }
        return Optional.of(new Match(camera, product, attributes));
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /** The name without its last extension ({@code a_b.jpg} gives {@code a_b}). */
    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
