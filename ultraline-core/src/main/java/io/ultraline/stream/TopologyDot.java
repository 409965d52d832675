package io.ultraline.stream;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Renders a {@link TopologyDescription} as a Graphviz DOT graph: one cluster per sub-topology, topics
 * as shaded boxes outside the clusters (a repartition topic links two sub-topologies), processors as
 * ellipses, state stores as cylinders inside the cluster of the first processor that uses them,
 * joined to their processors by dashed edges. The output depends
 * only on the description, in sorted order, so it can be committed and compared.
 */
public final class TopologyDot {

    private TopologyDot() {}

    public static String render(TopologyDescription description) {
        StringBuilder out = new StringBuilder();
        out.append("digraph topology {\n")
                .append("  rankdir=LR;\n")
                .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        Set<String> topics = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        List<TopologyDescription.Subtopology> subtopologies = description.subtopologies().stream()
                .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
                .toList();
        StringBuilder edges = new StringBuilder();
        for (TopologyDescription.Subtopology sub : subtopologies) {
            out.append("  subgraph cluster_")
                    .append(sub.id())
                    .append(" {\n")
                    .append("    label=\"sub-topology ")
                    .append(sub.id())
                    .append("\";\n")
                    .append("    style=rounded; color=\"#888888\";\n");
            List<TopologyDescription.Node> nodes = sub.nodes().stream()
                    .sorted(Comparator.comparing(TopologyDescription.Node::name))
                    .toList();
            for (TopologyDescription.Node node : nodes) {
                out.append("    ")
                        .append(id("n", node.name()))
                        .append(" [label=")
                        .append(quote(node.name()))
                        .append(", shape=")
                        .append(shape(node))
                        .append("];\n");
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : new TreeSet<>(source.topicSet())) {
                        topics.add(topic);
                        edges.append("  ")
                                .append(id("t", topic))
                                .append(" -> ")
                                .append(id("n", node.name()))
                                .append(";\n");
                    }
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    topics.add(sink.topic());
                    edges.append("  ")
                            .append(id("n", node.name()))
                            .append(" -> ")
                            .append(id("t", sink.topic()))
                            .append(";\n");
                } else if (node instanceof TopologyDescription.Processor processor) {
                    for (String store : new TreeSet<>(processor.stores())) {
                        if (stores.add(store)) {
                            out.append("    ")
                                    .append(id("s", store))
                                    .append(" [label=")
                                    .append(quote(store))
                                    .append(", shape=cylinder, style=filled, fillcolor=\"#f5ecd5\"];\n");
                        }
                        edges.append("  ")
                                .append(id("n", node.name()))
                                .append(" -> ")
                                .append(id("s", store))
                                .append(" [style=dashed, dir=both, arrowsize=0.6];\n");
                    }
                }
                node.successors().stream()
                        .map(TopologyDescription.Node::name)
                        .sorted()
                        .forEach(next -> edges.append("  ")
                                .append(id("n", node.name()))
                                .append(" -> ")
                                .append(id("n", next))
                                .append(";\n"));
            }
            out.append("  }\n");
        }
        for (String topic : topics) {
            out.append("  ")
                    .append(id("t", topic))
                    .append(" [label=")
                    .append(quote(topic))
                    .append(", shape=box, style=filled, fillcolor=\"#dde8f5\"];\n");
        }
        out.append(edges).append("}\n");
        return out.toString();
    }

    private static String shape(TopologyDescription.Node node) {
        if (node instanceof TopologyDescription.Source) {
            return "cds";
        }
        if (node instanceof TopologyDescription.Sink) {
            return "invhouse";
        }
        return "ellipse";
    }

    private static String id(String kind, String name) {
        return quote(kind + ":" + name);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
