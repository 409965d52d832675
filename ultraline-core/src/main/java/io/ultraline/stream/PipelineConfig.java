package io.ultraline.stream;

import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.ImageEncoding;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the topology is configured with besides topics, model and clock. Immutable and
 * validated; topology code receives it and never reads configuration itself.
 * {@link #parse(Map)} reads it from flat keys (the constants of the part records), for the
 * application's configuration layer and the command line.
 *
 * @param batch           batch buffer flushing
 * @param limits          frame limits checked before decoding
 * @param explain         which frames get ULTra maps and a FrameExplanation
 * @param alertRules      alert rules, ids unique
 * @param calibration     calibration command limits
 * @param pipelineVersion stamped on every output, {@value #KEY_PIPELINE_VERSION}
 * @param outputs         largest output and dead-letter records
 */
public record PipelineConfig(
        BatchConfig batch,
        FrameRecordLimits limits,
        ExplainConfig explain,
        List<AlertRule> alertRules,
        CalibrationDefaults calibration,
        String pipelineVersion,
        OutputLimits outputs) {

    public static final String KEY_PIPELINE_VERSION = "pipeline.version";

    public PipelineConfig {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(explain, ExplanationsMode.KEY);
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(pipelineVersion, KEY_PIPELINE_VERSION);
        Objects.requireNonNull(outputs, "outputs");
        alertRules = List.copyOf(alertRules);
        Set<String> ids = new TreeSet<>();
        for (AlertRule rule : alertRules) {
            if (!ids.add(rule.ruleId())) {
                throw new IllegalArgumentException("alert rule id '" + rule.ruleId() + "' is used twice");
            }
        }
        if (pipelineVersion.isBlank()) {
            throw new IllegalArgumentException(KEY_PIPELINE_VERSION + " must not be blank");
        }
    }

    /** Defaults everywhere, no alert rules, explanations for every frame. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(
                BatchConfig.defaults(),
                FrameRecordLimits.defaults(),
                ExplainConfig.defaults(),
                List.of(),
                CalibrationDefaults.defaults(),
                PipelineVersion.CURRENT,
                OutputLimits.defaults());
    }

    /** Which frames get a FrameExplanation. */
    public ExplanationsMode explanations() {
        return explain.mode();
    }

    /** The rules of one scope, in configuration order. */
    public List<AlertRule> rules(AlertScope scope) {
        return alertRules.stream().filter(r -> r.scope() == scope).toList();
    }

    public PipelineConfig withBatch(BatchConfig newBatch) {
        return new PipelineConfig(newBatch, limits, explain, alertRules, calibration, pipelineVersion, outputs);
    }

    public PipelineConfig withLimits(FrameRecordLimits newLimits) {
        return new PipelineConfig(batch, newLimits, explain, alertRules, calibration, pipelineVersion, outputs);
    }

    public PipelineConfig withExplanations(ExplanationsMode mode) {
        return withExplain(explain.withMode(mode));
    }

    public PipelineConfig withExplain(ExplainConfig newExplain) {
        return new PipelineConfig(batch, limits, newExplain, alertRules, calibration, pipelineVersion, outputs);
    }

    public PipelineConfig withAlertRules(List<AlertRule> rules) {
        return new PipelineConfig(batch, limits, explain, rules, calibration, pipelineVersion, outputs);
    }

    public PipelineConfig withCalibration(CalibrationDefaults newCalibration) {
        return new PipelineConfig(batch, limits, explain, alertRules, newCalibration, pipelineVersion, outputs);
    }

    public PipelineConfig withOutputs(OutputLimits newOutputs) {
        return new PipelineConfig(batch, limits, explain, alertRules, calibration, pipelineVersion, newOutputs);
    }

    /**
     * Reads a configuration from flat keys; absent keys keep their defaults. Durations are ISO-8601
     * ({@code PT0.2S}) or whole milliseconds ({@code 200}).
     *
     * @throws IllegalArgumentException naming the key of a malformed or out-of-range value
     */
    public static PipelineConfig parse(Map<String, String> settings) {
        PipelineConfig d = defaults();
        Reader in = new Reader(settings);
        BatchConfig batch;
        Duration maxWait = in.duration(BatchConfig.KEY_MAX_WAIT, d.batch().maxWait());
        int size = in.integer(BatchConfig.KEY_SIZE, d.batch().size());
        batch = settings.containsKey(BatchConfig.KEY_CHECK_INTERVAL)
                ? new BatchConfig(size, maxWait, in.duration(BatchConfig.KEY_CHECK_INTERVAL, null))
                : BatchConfig.of(size, maxWait);
        FrameRecordLimits limits = new FrameRecordLimits(
                in.integer(FrameRecordLimits.KEY_MAX_BYTES, d.limits().maxBytes()),
                in.longValue(FrameRecordLimits.KEY_MAX_PIXELS, d.limits().maxPixels()),
                in.encodings(FrameRecordLimits.KEY_ALLOWED_ENCODINGS, d.limits().allowedEncodings()),
                new FieldLimits(
                        in.integer(
                                FieldLimits.KEY_MAX_ID_LENGTH,
                                d.limits().fields().maxIdLength()),
                        in.integer(
                                FieldLimits.KEY_MAX_ATTRIBUTES,
                                d.limits().fields().maxAttributes()),
                        in.integer(
                                FieldLimits.KEY_MAX_ATTRIBUTE_KEY_LENGTH,
                                d.limits().fields().maxAttributeKeyLength()),
                        in.integer(
                                FieldLimits.KEY_MAX_ATTRIBUTE_VALUE_LENGTH,
                                d.limits().fields().maxAttributeValueLength())));
        ExplainConfig e = d.explain();
        ExplainConfig explain = new ExplainConfig(
                in.present(ExplanationsMode.KEY)
                        ? ExplanationsMode.parse(settings.get(ExplanationsMode.KEY))
                        : in.present(ExplanationsMode.KEY_LEGACY)
                                ? ExplanationsMode.parse(settings.get(ExplanationsMode.KEY_LEGACY))
                                : e.mode(),
                in.integer(ExplainConfig.KEY_SAMPLE_EVERY, e.sampleEvery()),
                in.integer(ExplainConfig.KEY_TARGETS, e.targets()),
                in.present(ExplainConfig.KEY_STRATEGY) ? settings.get(ExplainConfig.KEY_STRATEGY) : e.strategy(),
                in.decimal(ExplainConfig.KEY_NEAR_THRESHOLD, e.nearThreshold()));
        CalibrationDefaults calibration = new CalibrationDefaults(
                in.integer(
                        CalibrationDefaults.KEY_DEFAULT_FRAMES, d.calibration().defaultFrameCount()),
                in.integer(CalibrationDefaults.KEY_MAX_FRAMES, d.calibration().maxFrameCount()),
                in.duration(
                        CalibrationDefaults.KEY_MAX_INLINE_BUILD,
                        d.calibration().maxInlineBuild()),
                in.bool(CalibrationDefaults.KEY_RAW_PIXELS, d.calibration().rawPixels()),
                in.present(CalibrationDefaults.KEY_CONCEPT_TRANSFORM)
                        ? CalibrationDefaults.parseConceptTransform(
                                settings.get(CalibrationDefaults.KEY_CONCEPT_TRANSFORM))
                        : d.calibration().conceptTransform(),
                in.present(CalibrationDefaults.KEY_ZOOM)
                        ? CalibrationDefaults.parseZoom(settings.get(CalibrationDefaults.KEY_ZOOM))
                        : d.calibration().zoom());
        OutputLimits outputs = new OutputLimits(
                in.integer(OutputLimits.KEY_MAX_RECORD_BYTES, d.outputs().maxRecordBytes()),
                in.integer(OutputLimits.KEY_MAX_DEAD_LETTER_BYTES, d.outputs().maxDeadLetterBytes()));
        return new PipelineConfig(
                batch,
                limits,
                explain,
                in.alertRules(),
                calibration,
                settings.getOrDefault(KEY_PIPELINE_VERSION, d.pipelineVersion()),
                outputs);
    }

    /** Typed reads of one settings map, with messages that name the key. */
    private record Reader(Map<String, String> settings) {

        /** Set to something other than blanks (an empty environment variable keeps the default). */
        boolean present(String key) {
            String text = settings.get(key);
            return text != null && !text.isBlank();
        }

        double decimal(String key, double fallback) {
            String text = settings.get(key);
            try {
                return text == null || text.isBlank() ? fallback : Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got '" + text + "'", e);
            }
        }

        int integer(String key, int fallback) {
            String text = settings.get(key);
            try {
                return text == null ? fallback : Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'", e);
            }
        }

        boolean bool(String key, boolean fallback) {
            String text = settings.get(key);
            if (text == null) {
                return fallback;
            }
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(key + " must be true or false, got '" + text + "'");
            };
        }

        long longValue(String key, long fallback) {
            String text = settings.get(key);
            try {
                return text == null ? fallback : Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'", e);
            }
        }

        Duration duration(String key, Duration fallback) {
            String text = settings.get(key);
            if (text == null) {
                return fallback;
            }
            String t = text.trim();
            try {
                return t.matches("\\d+") ? Duration.ofMillis(Long.parseLong(t)) : Duration.parse(t);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(
                        key + " must be an ISO-8601 duration or milliseconds, got '" + text + "'", e);
            }
        }

        /** defect-burst (the default) or recalibration-suggested. */
        AlertKind alertKind(String key) {
            String text = settings.get(key);
            if (text == null || text.isBlank()) {
                return AlertKind.DEFECT_BURST;
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "defect-burst" -> AlertKind.DEFECT_BURST;
                case "recalibration-suggested" -> AlertKind.RECALIBRATION_SUGGESTED;
                default ->
                    throw new IllegalArgumentException(
                            key + " must be defect-burst or recalibration-suggested," + " got '" + text + "'");
            };
        }

        Set<ImageEncoding> encodings(String key, Set<ImageEncoding> fallback) {
            String text = settings.get(key);
            if (text == null) {
                return fallback;
            }
            Set<ImageEncoding> out = EnumSet.noneOf(ImageEncoding.class);
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    try {
                        out.add(ImageEncoding.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + ": unknown encoding '" + part.trim() + "'", e);
                    }
                }
            }
            return out;
        }

        List<AlertRule> alertRules() {
            Set<String> ids = new TreeSet<>();
            for (String key : settings.keySet()) {
                if (key.startsWith(AlertRule.KEY_PREFIX)) {
                    String rest = key.substring(AlertRule.KEY_PREFIX.length());
                    int dot = rest.lastIndexOf('.');
                    if (dot < 1) {
                        throw new IllegalArgumentException("malformed alert rule key '" + key + "': expected "
                                + AlertRule.KEY_PREFIX + "<id>.<property>");
                    }
                    ids.add(rest.substring(0, dot));
                }
            }
            List<AlertRule> rules = new ArrayList<>();
            for (String id : ids) {
                String p = AlertRule.KEY_PREFIX + id + ".";
                for (String key : settings.keySet()) {
                    String property = key.startsWith(p) ? key.substring(p.length()) : null;
                    if (property != null
                            && !List.of("scope", "window-frames", "window", "open", "clear", "kind", "level")
                                    .contains(property)) {
                        throw new IllegalArgumentException("unknown alert rule property '" + key + "'");
                    }
                }
                String scope = settings.get(p + "scope");
                if (scope == null) {
                    throw new IllegalArgumentException(p + "scope is required (camera or line)");
                }
                AlertScope parsed;
                try {
                    parsed = AlertScope.valueOf(scope.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(p + "scope must be camera or line, got '" + scope + "'", e);
                }
                int windowFrames = integer(p + "window-frames", 20);
                int open = integer(p + "open", Math.max(1, windowFrames / 4));
                rules.add(new AlertRule(
                        id,
                        parsed,
                        windowFrames,
                        duration(p + "window", Duration.ZERO),
                        open,
                        integer(p + "clear", open / 2),
                        alertKind(p + "kind"),
                        decimal(p + "level", AlertRule.DEFAULT_DRIFT_LEVEL)));
            }
            return rules;
        }
    }
}
