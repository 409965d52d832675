/**
 * The model's contract, shared by its subpackages and its users: the ViT configuration, the
 * manifest of a model directory, the signature names, the ULTra variant, what a run returns
 * ({@link io.ultraline.model.ModelOutput}) and the two exceptions. The work is in the subpackages:
 * {@code weights} (formats), {@code graph} (TensorFlow graph building), {@code export} (writing model
 * directories), {@code runtime} (loading and running), {@code train} (the default model's training).
 * TensorFlow stays inside {@code model..}: everything it returns is plain Java arrays and records.
 */
package io.ultraline.model;
