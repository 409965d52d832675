/**
 * Loading and running a SavedModel: the loaded bundle with its checked signatures, the shared
 * {@link io.ultraline.model.runtime.ModelRunner} (built from {@link io.ultraline.model.runtime.RunnerOptions}),
 * its pool of parallel session runs, and the raw-session baselines the model benchmark compares
 * against. Tensors are created and closed here; callers get {@link io.ultraline.model.ModelOutput}.
 */
package io.ultraline.model.runtime;
