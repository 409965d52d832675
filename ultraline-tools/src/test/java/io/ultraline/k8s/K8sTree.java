package io.ultraline.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the repository's k8s/ tree and the files it must agree with are. */
final class K8sTree {

    private K8sTree() {}

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("k8s")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root with pom.xml and k8s/ above "
                    + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path k8s(String sub) {
        return root().resolve("k8s").resolve(sub);
    }

    /** Every directory a user applies: the two overlays and the separate parts. */
    static List<Path> deployables() {
        return List.of(k8s("overlays/cpu"), k8s("overlays/gpu"), k8s("topics"), k8s("registry"), k8s("monitoring"));
    }

    static List<ObjectNode> render(String sub) {
        return Kustomize.build(k8s(sub));
    }
}
