package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the model is meant to run: {@code ultraline.model-device}, {@code ULTRALINE_MODEL_DEVICE}
 * ({@code auto}, {@code cpu} or {@code gpu}; see {@link DeviceExpectation}).
 *
 * @param modelDevice the expected device, {@code auto} when unset
 */
@ConfigurationProperties("ultraline")
public record ModelDeviceConfig(String modelDevice) {}
