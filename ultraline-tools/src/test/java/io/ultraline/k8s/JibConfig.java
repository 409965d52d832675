package io.ultraline.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The image that ultraline-service/pom.xml's Jib profiles describe ({@code jib}, plus {@code jib-gpu} for the GPU
 * image), read from the POM itself so the manifests can be checked against it.
 */
record JibConfig(
        String image,
        String tag,
        String user,
        List<Integer> ports,
        String mainClass,
        List<String> args,
        List<String> jvmFlags,
        Map<String, String> environment,
        Map<String, String> extraDirectories,
        boolean boundToLifecycle) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** The CPU image ({@code gpu=false}) or the GPU image. */
    static JibConfig read(Path pom, boolean gpu) {
        Document doc;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(pom + ": not readable XML", e);
        }
        Element project = doc.getDocumentElement();
        Map<String, String> props = new LinkedHashMap<>();
        // a module's version is its parent's unless it sets one
        Element version =
                child(project, "version") != null ? child(project, "version") : path(project, "parent", "version");
        props.put("project.version", text(version));
        props.put("project.basedir", pom.toAbsolutePath().getParent().toString());
        Element jib = profile(project, "jib");
        props.putAll(properties(jib));
        if (gpu) {
            props.putAll(properties(profile(project, "jib-gpu")));
        }
        Element plugin = null;
        for (Element p : children(path(jib, "build", "plugins"), "plugin")) {
            if ("jib-maven-plugin".equals(text(child(p, "artifactId")))) {
                plugin = p;
            }
        }
        if (plugin == null) {
            throw new IllegalStateException("profile jib has no jib-maven-plugin");
        }
        boolean bound = child(plugin, "executions") != null || mainBuildHasJib(project);
        Element conf = child(plugin, "configuration");
        Element container = child(conf, "container");
        String to = resolve(text(path(conf, "to", "image")), props);
        int colon = to.lastIndexOf(':');
        List<Integer> ports = new ArrayList<>();
        children(child(container, "ports"), "port").forEach(p -> ports.add(Integer.valueOf(text(p))));
        List<String> args = new ArrayList<>();
        children(child(container, "args"), "arg").forEach(a -> args.add(resolve(text(a), props)));
        List<String> flags = new ArrayList<>();
        children(child(container, "jvmFlags"), "jvmFlag").forEach(f -> flags.add(resolve(text(f), props)));
        Map<String, String> env = new LinkedHashMap<>();
        children(child(container, "environment"), null).forEach(e -> env.put(e.getTagName(), resolve(text(e), props)));
        Map<String, String> extra = new LinkedHashMap<>();
        for (Element p : children(path(conf, "extraDirectories", "paths"), "path")) {
            extra.put(resolve(text(child(p, "from")), props), text(child(p, "into")));
        }
        return new JibConfig(
                to.substring(0, colon),
                to.substring(colon + 1),
                text(child(container, "user")),
                ports,
                text(child(container, "mainClass")),
                args,
                flags,
                env,
                extra,
                bound);
    }

    /** The value of a {@code -Dname=value} JVM flag of the image, or null. */
    String systemProperty(String name) {
        for (String f : jvmFlags) {
            if (f.startsWith("-D" + name + "=")) {
                return f.substring(name.length() + 3);
            }
        }
        return null;
    }

    private static boolean mainBuildHasJib(Element project) {
        Element plugins = path(project, "build", "plugins");
        return children(plugins, "plugin").stream()
                .anyMatch(p -> "jib-maven-plugin".equals(text(child(p, "artifactId"))));
    }

    private static Element profile(Element project, String id) {
        for (Element p : children(child(project, "profiles"), "profile")) {
            if (id.equals(text(child(p, "id")))) {
                return p;
            }
        }
        throw new IllegalStateException("pom.xml has no profile " + id);
    }

    private static Map<String, String> properties(Element profile) {
        Map<String, String> props = new LinkedHashMap<>();
        children(child(profile, "properties"), null).forEach(e -> props.put(e.getTagName(), text(e)));
        return props;
    }

    private static String resolve(String value, Map<String, String> props) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = props.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("unresolved property " + m.group() + " in " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(v, props)));
        }
        return m.appendTail(out).toString();
    }

    private static Element path(Element from, String... names) {
        Element e = from;
        for (String n : names) {
            e = child(e, n);
        }
        return e;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().trim();
    }
}
