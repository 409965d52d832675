package io.ultraline.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The API server's own validation of built-in kinds, the part a typo in these manifests would hit. */
final class PodChecks {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private PodChecks() {}

    static void check(HasMetadata model, List<String> problems) {
        if (model instanceof StatefulSet s) {
            if (s.getSpec() == null || s.getSpec().getTemplate() == null) {
                problems.add("spec.template is required");
                return;
            }
            if (blank(s.getSpec().getServiceName())) {
                problems.add("spec.serviceName is required");
            }
            Set<String> claims = new HashSet<>();
            for (PersistentVolumeClaim c : s.getSpec().getVolumeClaimTemplates()) {
                claims.add(c.getMetadata().getName());
                if (c.getSpec() == null
                        || c.getSpec().getResources() == null
                        || c.getSpec().getResources().getRequests().get("storage") == null) {
                    problems.add("volumeClaimTemplate " + c.getMetadata().getName() + " requests no storage");
                }
            }
            selector(s.getSpec().getSelector(), s.getSpec().getTemplate(), problems);
            template(s.getSpec().getTemplate(), claims, problems);
        } else if (model instanceof Deployment d) {
            if (d.getSpec() == null || d.getSpec().getTemplate() == null) {
                problems.add("spec.template is required");
                return;
            }
            selector(d.getSpec().getSelector(), d.getSpec().getTemplate(), problems);
            template(d.getSpec().getTemplate(), Set.of(), problems);
        } else if (model instanceof Service s) {
            if (s.getSpec() == null || s.getSpec().getPorts().isEmpty()) {
                problems.add("a Service needs ports");
            } else {
                for (ServicePort p : s.getSpec().getPorts()) {
                    if (p.getPort() == null || p.getPort() < 1 || p.getPort() > 65535) {
                        problems.add("service port " + p.getName() + " out of range");
                    }
                }
            }
        } else if (model instanceof PodDisruptionBudget pdb) {
            var spec = pdb.getSpec();
            if (spec == null || (spec.getMinAvailable() == null) == (spec.getMaxUnavailable() == null)) {
                problems.add("a PodDisruptionBudget needs exactly one of minAvailable and maxUnavailable");
            }
            if (spec == null || spec.getSelector() == null) {
                problems.add("a PodDisruptionBudget needs a selector");
            }
        }
    }

    private static void selector(LabelSelector selector, PodTemplateSpec template, List<String> problems) {
        if (selector == null || selector.getMatchLabels().isEmpty()) {
            problems.add("spec.selector.matchLabels is required");
            return;
        }
        Map<String, String> labels = template.getMetadata() == null
                ? Map.of()
                : template.getMetadata().getLabels();
        selector.getMatchLabels().forEach((k, v) -> {
            if (!v.equals(labels.get(k))) {
                problems.add("selector " + k + "=" + v + " does not match the pod template's labels");
            }
        });
    }

    private static void template(PodTemplateSpec template, Set<String> claims, List<String> problems) {
        var spec = template.getSpec();
        if (spec == null || spec.getContainers().isEmpty()) {
            problems.add("the pod template has no containers");
            return;
        }
        Set<String> volumes = new HashSet<>(claims);
        for (Volume v : spec.getVolumes()) {
            if (!volumes.add(v.getName())) {
                problems.add("volume " + v.getName() + " declared twice");
            }
        }
        Set<String> names = new HashSet<>();
        for (Container c : spec.getContainers()) {
            if (blank(c.getName()) || !DNS_LABEL.matcher(c.getName()).matches() || !names.add(c.getName())) {
                problems.add("container name '" + c.getName() + "' is missing, not a DNS label or repeated");
            }
            if (blank(c.getImage())) {
                problems.add("container " + c.getName() + " has no image");
            }
            container(c, volumes, problems);
        }
    }

    private static void container(Container c, Set<String> volumes, List<String> problems) {
        Set<String> ports = new HashSet<>();
        for (ContainerPort p : c.getPorts()) {
            if (p.getContainerPort() == null || p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
                problems.add("container " + c.getName() + ": port out of range");
            }
            if (p.getName() != null && (p.getName().length() > 15 || !ports.add(p.getName()))) {
                problems.add("container " + c.getName() + ": port name " + p.getName() + " too long or repeated");
            }
        }
        for (Probe probe : new Probe[] {c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()}) {
            HTTPGetAction get = probe == null ? null : probe.getHttpGet();
            if (get != null
                    && get.getPort() != null
                    && get.getPort().getStrVal() != null
                    && !ports.contains(get.getPort().getStrVal())) {
                problems.add("container " + c.getName() + ": probe port "
                        + get.getPort().getStrVal() + " is not a named port");
            }
        }
        Set<String> env = new HashSet<>();
        for (EnvVar e : c.getEnv()) {
            if (blank(e.getName()) || !ENV_NAME.matcher(e.getName()).matches() || !env.add(e.getName())) {
                problems.add("container " + c.getName() + ": env name '" + e.getName() + "' invalid or repeated");
            }
            if (e.getValue() != null && e.getValueFrom() != null) {
                problems.add("container " + c.getName() + ": env " + e.getName() + " has both value and valueFrom");
            }
        }
        c.getVolumeMounts().forEach(m -> {
            if (!volumes.contains(m.getName())) {
                problems.add("container " + c.getName() + ": volumeMount " + m.getName() + " names no volume");
            }
        });
        if (c.getResources() != null) {
            resources(c, problems);
        }
    }

    private static void resources(Container c, List<String> problems) {
        Map<String, Quantity> requests = c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources().getLimits();
        for (Map<String, Quantity> m : List.of(requests, limits)) {
            m.forEach((k, q) -> {
                try {
                    Objects.requireNonNull(q.getNumericalAmount());
                } catch (RuntimeException e) {
                    problems.add("container " + c.getName() + ": resource " + k + " '" + q + "' is not a quantity");
                }
            });
        }
        requests.forEach((k, q) -> {
            Quantity limit = limits.get(k);
            if (limit != null && amount(q).compareTo(amount(limit)) > 0) {
                problems.add("container " + c.getName() + ": request of " + k + " exceeds its limit");
            }
        });
        limits.keySet().stream().filter(k -> k.contains("/")).forEach(k -> {
            // extended resources (nvidia.com/gpu) cannot be overcommitted: request must equal limit or be absent
            if (requests.containsKey(k) && amount(requests.get(k)).compareTo(amount(limits.get(k))) != 0) {
                problems.add("container " + c.getName() + ": extended resource " + k + " request differs from limit");
            }
        });
    }

    static BigDecimal amount(Quantity q) {
        try {
            return q.getNumericalAmount();
        } catch (RuntimeException e) {
            return BigDecimal.ZERO;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
