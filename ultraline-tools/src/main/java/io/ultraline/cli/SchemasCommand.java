package io.ultraline.cli;

import io.ultraline.serde.CompatibilityLevel;
import io.ultraline.serde.IncompatibleSchemaException;
import io.ultraline.serde.RestSchemaRegistryClient;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.serde.SubjectGovernance;
import io.ultraline.stream.PipelineSchemas;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ultraline schemas register|check}: the pipeline's value schemas under the topic subjects
 * ({@code <topic>-value}, TopicNameStrategy), for a {@code serve} that runs with
 * {@code SCHEMA_REGISTRY_AUTO_REGISTER=false}.
 */
@Command(
        name = "schemas",
        description = "Register the pipeline's schemas in the registry, or check them against it.",
        subcommands = {SchemasCommand.Register.class, SchemasCommand.Check.class})
final class SchemasCommand {

    /** Registry address and topic prefix, shared by both subcommands. */
    static final class Target {
        @Option(
                names = "--registry-url",
                required = true,
                description = "schema registry URL(s), Confluent API; basic auth from env " + USER_INFO_ENV)
        String registryUrl;

        @Option(names = "--topic-prefix", defaultValue = "", description = "prefix of the topic names (default none)")
        String topicPrefix;

        SubjectGovernance governance() {
            Map<String, Object> config = new HashMap<>();
            config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
            String userInfo = System.getenv(USER_INFO_ENV);
            if (userInfo != null && !userInfo.isBlank()) {
                config.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
                config.put(SerdeConfig.BASIC_AUTH_USER_INFO, userInfo.trim());
            }
            return new SubjectGovernance(new RestSchemaRegistryClient(
                    SerdeConfig.parse(config, false).registrySettings()));
        }

        Map<String, Schema> subjects() {
            Map<String, Schema> out = new java.util.LinkedHashMap<>();
            PipelineSchemas.values(topicPrefix).forEach((topic, schema) -> out.put(topic + "-value", schema));
            return out;
        }
    }

    static final String USER_INFO_ENV = "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO";

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = {
                "Register each topic's value schema under <topic>-value and set the subject's compatibility.",
                "Exit 1 when a subject refuses its schema (incompatible with what is registered)."
            })
    static final class Register implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Option(
                names = "--compatibility",
                defaultValue = "BACKWARD",
                description =
                        "compatibility level of each subject (default ${DEFAULT-VALUE}; one of ${COMPLETION-CANDIDATES})")
        CompatibilityLevel compatibility;

        @Override
        public Integer call() {
            return register(target, compatibility, System.out);
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Check that each topic's value schema is registered under <topic>-value, compatible with "
                        + "the latest version, and that the subject's compatibility is BACKWARD or stricter.",
                "Exit 1 and name each problem otherwise."
            })
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() {
            return check(target, System.out);
        }
    }

    static int register(Target target, CompatibilityLevel level, PrintStream out) {
        SubjectGovernance governance = target.governance();
        List<String> refused = new ArrayList<>();
        target.subjects().forEach((subject, schema) -> {
            try {
                SubjectGovernance.Registered r = governance.register(subject, schema.toString(), level);
                out.printf(
                        "%-40s id %d, version %s%s, compatibility %s%n",
                        subject, r.id(), r.version(), r.created() ? " (new)" : "", level);
            } catch (IncompatibleSchemaException e) {
                refused.add(subject);
                out.printf("%-40s REFUSED: %s%n", subject, e.getMessage());
            }
        });
        if (!refused.isEmpty()) {
            out.println(refused.size() + " subject(s) refused their schema: " + refused);
            return 1;
        }
        return 0;
    }

    static int check(Target target, PrintStream out) {
        SubjectGovernance governance = target.governance();
        List<String> problems = new ArrayList<>();
        target.subjects().forEach((subject, schema) -> {
            List<String> own = governance.check(subject, schema.toString());
            out.printf("%-40s %s%n", subject, own.isEmpty() ? "ok" : String.join("; ", own));
            problems.addAll(own);
        });
        if (!problems.isEmpty()) {
            out.println(problems.size() + " problem(s); `ultraline schemas register` registers the schemas "
                    + "and sets the compatibility");
            return 1;
        }
        return 0;
    }
}
